package org.kohsuke.stapler.export;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in for Stapler's {@code org.kohsuke.stapler.export.ExportedBean} (stapler 1903.1905.ve5a_f469356f0): a type
 * whose {@link Exported} properties Jenkins' REST API writes. The real annotation is also meta-annotated
 * {@code @Indexed} (annotation-indexer), which only lists such types at compile time; the REST API finds the
 * annotation by reflection, so the stand-in leaves that meta-annotation out.
 */
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Target(ElementType.TYPE)
public @interface ExportedBean {
    int defaultVisibility() default 1;
}
