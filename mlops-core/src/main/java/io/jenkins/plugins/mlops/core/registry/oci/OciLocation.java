package io.jenkins.plugins.mlops.core.registry.oci;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.Serializable;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where models live in an OCI registry: {@code oci://host[:port]/prefix}. A model named {@code m} is the
 * repository {@code prefix/m}. {@code oci://} talks HTTPS, except to loopback addresses (as Docker does for
 * {@code localhost}); {@code oci+http://} and {@code oci+https://} choose explicitly.
 */
public final class OciLocation implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\]");

    private final String scheme;
    private final String host;
    private final int port;
    private final String prefix;

    private OciLocation(String scheme, String host, int port, String prefix) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.prefix = prefix;
    }

    /** @throws MlopsArgumentException naming {@code registry} when the URL is malformed */
    public static OciLocation parse(String location) {
        String rest;
        String scheme;
        if (location.startsWith("oci+http://")) {
            scheme = "http";
            rest = location.substring("oci+http://".length());
        } else if (location.startsWith("oci+https://")) {
            scheme = "https";
            rest = location.substring("oci+https://".length());
        } else if (location.startsWith("oci://")) {
            scheme = null;
            rest = location.substring("oci://".length());
        } else {
            throw new MlopsArgumentException("registry", "'" + location + "' is not an oci:// URL");
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (authority.contains("@")) {
            throw new MlopsArgumentException("registry", "do not put credentials in the registry URL; set "
                    + "MLOPS_REGISTRY_USERNAME and MLOPS_REGISTRY_PASSWORD instead");
        }
        String host = authority;
        int port = -1;
        int colon = authority.lastIndexOf(':');
        if (colon > 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = 0;
            }
            if (port < 1 || port > 65535) {
                throw new MlopsArgumentException("registry", "'" + location + "' has an invalid port");
            }
        }
        if (host.isEmpty() || !HOST.matcher(host).matches()) {
            throw new MlopsArgumentException("registry", "'" + location + "' has no valid host; write it like"
                    + " oci://registry.example.com/ml-models");
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.isEmpty()) {
            for (String component : path.split("/", -1)) {
                if (!PATH_COMPONENT.matcher(component).matches()) {
                    throw new MlopsArgumentException("registry", "'" + component + "' in '" + location + "' is not a"
                            + " valid repository path component (lowercase letters, digits, '.', '_', '-')");
                }
            }
        }
        if (scheme == null) {
            scheme = isLoopback(host) ? "http" : "https";
        }
        return new OciLocation(scheme, host, port, path);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** {@code http(s)://host[:port]}, the base of every API URL. */
    public URI baseUri() {
        return URI.create(scheme + "://" + host + (port > 0 ? ":" + port : ""));
    }

    /** The repository path prefix, possibly empty. */
    public String prefix() {
        return prefix;
    }

    /** The OCI repository that holds the model {@code name}. */
    public String repository(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The model name of a repository under this prefix, or null when the repository is not one of ours. */
    public String modelName(String repository) {
        String rest;
        if (prefix.isEmpty()) {
            rest = repository;
        } else if (repository.startsWith(prefix + "/")) {
            rest = repository.substring(prefix.length() + 1);
        } else {
            return null;
        }
        return rest.contains("/") ? null : rest;
    }

    @Override
    public String toString() {
        return "oci://" + host + (port > 0 ? ":" + port : "") + (prefix.isEmpty() ? "" : "/" + prefix)
                + ("http".equals(scheme) && !isLoopback(host) ? " (plain HTTP)" : "");
    }
}
