package org.kohsuke.stapler;

/**
 * Stand-in for Stapler's {@code org.kohsuke.stapler.StaplerRequest2} (stapler 1903.1905.ve5a_f469356f0, the
 * jakarta.servlet request of Jenkins 2.475+). Only the type is needed: it appears in
 * {@code Descriptor.newInstance(StaplerRequest2, JSONObject)}; none of its members is called here.
 */
public interface StaplerRequest2 {
}
