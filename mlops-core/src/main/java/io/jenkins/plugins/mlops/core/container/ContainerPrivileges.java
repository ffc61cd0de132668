package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a container we start may do as far as the kernel is concerned: least privilege unless an argument says
 * otherwise. The code in a training, evaluation or serving container comes from any commit (a fork's pull request
 * included) and runs on the agent's Docker host, so it gets no Linux capability at all — not even Docker's default
 * set (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, NET_RAW, ...), which even root in the container then lacks — and
 * {@code no-new-privileges}, so that no setuid binary or file capability can give any back. The few capabilities an
 * image really needs are added back by name ({@code capAdd} / {@code --cap-add}).
 *
 * @param capAdd the capabilities added back, Docker's names without {@code CAP_} ({@code CHOWN}); none by default
 */
public record ContainerPrivileges(List<String> capAdd) {

    /** The security option that stops setuid binaries and file capabilities from raising privileges. */
    public static final String NO_NEW_PRIVILEGES = "no-new-privileges";

    public ContainerPrivileges {
        capAdd = List.copyOf(capAdd);
    }

    /** No capability, no new privileges: the default of every container we start. */
    public static ContainerPrivileges leastPrivilege() {
        return new ContainerPrivileges(List.of());
    }

    /**
     * Least privilege with {@code names} added back. Names are Docker's, as {@code docker run --cap-add} takes
     * them: any case, with or without {@code CAP_} ({@code chown}, {@code CAP_NET_BIND_SERVICE}); repeated names
     * count once.
     *
     * @param argument the argument's name as the user wrote it ({@code capAdd}, {@code --cap-add}), for messages
     * @param names    null or empty for none
     * @throws MlopsArgumentException naming the argument and the first name that is not a capability, or
     *         {@code ALL}, which would undo the point
     */
    public static ContainerPrivileges adding(String argument, List<String> names) {
        if (names == null) {
            return leastPrivilege();
        }
        Set<String> caps = new LinkedHashSet<>();
        for (String name : names) {
            caps.add(capability(argument, name).name());
        }
        return new ContainerPrivileges(new ArrayList<>(caps));
    }

    /** Docker's capability for a name as a user writes it. */
    static Capability capability(String argument, String name) {
        String canonical = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        if (canonical.startsWith("CAP_")) {
            canonical = canonical.substring("CAP_".length());
        }
        if (canonical.equals(Capability.ALL.name())) {
            throw new MlopsArgumentException(argument, "'" + name + "' would give back every capability, nearly what"
                    + " --privileged does; name the few the image needs, e.g. CHOWN or NET_BIND_SERVICE");
        }
        try {
            return Capability.valueOf(canonical);
        } catch (IllegalArgumentException e) {
            throw new MlopsArgumentException(argument, "'" + name + "' is not a Linux capability; give names such as"
                    + " CHOWN, DAC_OVERRIDE, FOWNER, SETUID, NET_BIND_SERVICE or SYS_PTRACE (as docker run --cap-add"
                    + " takes them)");
        }
    }

    /** Drops every capability, adds back {@link #capAdd()} and sets {@code no-new-privileges} on {@code host}. */
    public HostConfig applyTo(HostConfig host) {
        List<String> options = new ArrayList<>();
        if (host.getSecurityOpts() != null) {
            options.addAll(host.getSecurityOpts());
        }
        if (!options.contains(NO_NEW_PRIVILEGES)) {
            options.add(NO_NEW_PRIVILEGES);
        }
        host.withSecurityOpts(options).withCapDrop(Capability.ALL);
        if (!capAdd.isEmpty()) {
            host.withCapAdd(capAdd.stream().map(Capability::valueOf).toArray(Capability[]::new));
        }
        return host;
    }
}
