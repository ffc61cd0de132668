package io.jenkins.plugins.mlops.core.registry;

import java.nio.file.Path;
import java.util.Map;

/**
 * A separate process that runs one registry call and prints what the user would read:
 * {@code <register|show|pull> <registry> <name> [model dir | target dir]}. Prints {@code ok} or
 * {@code <KIND>: <message>}. Used to run a call as a process that the operating system may refuse.
 */
public final class RegistryProbe {

    public static void main(String[] args) throws Exception {
        String op = args[0];
        try (ModelRegistry registry = ModelRegistries.open(args[1], Map.of())) {
            switch (op) {
                case "register" -> registry.register(RegistrationRequest.builder().name(args[2]).modelPath(args[3])
                        .gate(GateRecord.of(true, null)).build());
                case "show" -> registry.resolve(args[2], "latest");
                case "pull" -> registry.pull(args[2], "latest", Path.of(args[3]));
                default -> throw new IllegalArgumentException(op);
            }
            System.out.println("ok");
        } catch (RegistryException e) {
            System.out.println(e.getKind() + ": " + e.getMessage());
        }
    }
}
