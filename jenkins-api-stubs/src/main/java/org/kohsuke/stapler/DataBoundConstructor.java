package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in for Stapler's {@code org.kohsuke.stapler.DataBoundConstructor} (stapler 1903.1905.ve5a_f469356f0, the
 * version jenkins-2.479.3 ships): marks the constructor form data and Pipeline arguments are bound through.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.CONSTRUCTOR)
@Documented
public @interface DataBoundConstructor {
}
