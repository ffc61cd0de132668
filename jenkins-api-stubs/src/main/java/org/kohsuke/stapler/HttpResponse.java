package org.kohsuke.stapler;

/**
 * Stand-in for Stapler's {@code org.kohsuke.stapler.HttpResponse} (1903.1905.ve5a_f469356f0): what a web method may
 * return to render itself. Only the type is needed (FormValidation is one); its {@code generateResponse} methods,
 * which Stapler calls and the plugin never does, are left out.
 */
public interface HttpResponse {
}
