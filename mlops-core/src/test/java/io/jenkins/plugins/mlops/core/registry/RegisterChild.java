package io.jenkins.plugins.mlops.core.registry;

import java.nio.file.Path;
import java.util.Map;

/**
 * A separate process that registers a model {@code count} times: {@code <registry> <name> <modelDir> <count>}.
 * Prints {@code ready} before the first registration (so a parent can time a kill) and {@code registered vN}
 * after each. Used by the crash-consistency and concurrency tests.
 */
public final class RegisterChild {

    public static void main(String[] args) throws Exception {
        String location = args[0];
        String name = args[1];
        Path model = Path.of(args[2]);
        int count = Integer.parseInt(args[3]);
        try (ModelRegistry registry = ModelRegistries.open(location, System.getenv())) {
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; i < count; i++) {
                ModelVersion v = registry.register(RegistrationRequest.builder()
                        .name(name).modelPath(model.toString())
                        .metrics(Map.of("rmse", 0.5 + i))
                        .gate(GateRecord.of(true, null))
                        .lineage(Lineage.ofActor("child " + ProcessHandle.current().pid()))
                        .build());
                System.out.println("registered v" + v.getVersion());
                System.out.flush();
            }
        }
    }
}
