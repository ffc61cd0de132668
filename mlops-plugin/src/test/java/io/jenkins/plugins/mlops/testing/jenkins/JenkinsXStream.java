package io.jenkins.plugins.mlops.testing.jenkins;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.converters.Converter;
import com.thoughtworks.xstream.converters.MarshallingContext;
import com.thoughtworks.xstream.converters.UnmarshallingContext;
import com.thoughtworks.xstream.io.HierarchicalStreamReader;
import com.thoughtworks.xstream.io.HierarchicalStreamWriter;
import com.thoughtworks.xstream.security.AnyTypePermission;

/**
 * XStream as Jenkins uses it for build.xml ({@code hudson.util.XStream2}, jenkins-2.479.3), as far as our records
 * meet it: XStream's own type permissions are open, and a converter ahead of every other refuses any object whose
 * class {@link JenkinsClassFilter} refuses, with the message Jenkins throws ("Refusing to marshal ... for security
 * reasons"). A record that would not survive saving in Jenkins fails here the same way.
 */
public final class JenkinsXStream {

    private JenkinsXStream() {
    }

    public static XStream create() {
        XStream x = new XStream();
        x.addPermission(AnyTypePermission.ANY);
        x.registerConverter(new FilteringConverter(), XStream.PRIORITY_VERY_HIGH);
        return x;
    }

    /** Says "not mine" for permitted types, so the normal converters run; refuses the others, as Jenkins does. */
    private static final class FilteringConverter implements Converter {

        @Override
        @SuppressWarnings("rawtypes")
        public boolean canConvert(Class type) {
            return type != null && !JenkinsClassFilter.permits(type);
        }

        @Override
        public void marshal(Object source, HierarchicalStreamWriter writer, MarshallingContext context) {
            throw new UnsupportedOperationException("Refusing to marshal " + source.getClass().getName()
                    + " for security reasons; see https://www.jenkins.io/redirect/class-filter/");
        }

        @Override
        public Object unmarshal(HierarchicalStreamReader reader, UnmarshallingContext context) {
            throw new UnsupportedOperationException("Refusing to unmarshal " + reader.getNodeName()
                    + " for security reasons; see https://www.jenkins.io/redirect/class-filter/");
        }
    }
}
