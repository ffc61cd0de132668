package io.jenkins.plugins.mlops.testing.jenkins;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * What the remoting channel does to an object an agent sends to the controller: Java serialization, then reading
 * it back through Jenkins' class filter, class by class ({@code hudson.remoting.ObjectInputStreamEx} with
 * {@code ClassFilter.DEFAULT}). A class the filter refuses fails the read with
 * {@code SecurityException: Rejected: <class>}, which is how mlTrain failed on every remote agent.
 */
public final class RemotingStreams {

    private RemotingStreams() {
    }

    /** The object as the controller would receive it from an agent. */
    @SuppressWarnings("unchecked")
    public static <T extends Serializable> T fromAgent(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return (T) read(bytes.toByteArray());
    }

    /** Reads what an agent wrote, as the controller reads it: through the class filter. */
    public static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new FilteringInput(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    private static final class FilteringInput extends ObjectInputStream {
        FilteringInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            Class<?> c = super.resolveClass(desc);
            if (!JenkinsClassFilter.permits(c)) {
                throw new SecurityException("Rejected: " + c.getName());
            }
            return c;
        }
    }
}
