package io.jenkins.plugins.mlops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.ListedVersion;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops models ...}: look at and manage what the registry holds. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, inspect, alias, roll back and pull registered models.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Versions.class,
                ModelsCommand.Alias.class, ModelsCommand.History.class, ModelsCommand.Rollback.class,
                ModelsCommand.Pull.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:not found, refused, or the registry failed", "2:bad arguments"})
public final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return RegistryCall.USAGE;
    }

    /** {@code mlops models list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every model with its versions and aliases.")
    static final class ListModels extends RegistryCall {
        @Override
        int run(ModelRegistry registry, PrintWriter out) throws IOException, InterruptedException {
            List<ModelSummary> models = registry.list();
            if (json) {
                ArrayNode arr = RegistryOutput.JSON.createArrayNode();
                models.forEach(s -> arr.add(RegistryOutput.summary(s)));
                RegistryOutput.print(out, arr);
            } else if (models.isEmpty()) {
                out.println("no models in " + registry.location());
            } else {
                Tables t = new Tables("NAME", "VERSIONS", "LATEST", "ALIASES");
                for (ModelSummary s : models) {
                    if (s.isReadable()) {
                        t.row(s.getName(), s.getVersionCount(),
                                s.getLatestVersion() == null ? null : "v" + s.getLatestVersion(), aliasList(s.getAliases()));
                    } else {
                        t.row(s.getName(), null, null, RegistryOutput.mark(s.getProblem()));
                    }
                }
                t.print(out);
            }
            // The listing goes on past entries it cannot read; what they are goes to stderr, and damage (not another
            // tool's content beside our models) makes the exit code say so.
            boolean damaged = false;
            for (ModelSummary s : models) {
                if (!s.isReadable()) {
                    spec.commandLine().getErr().println("mlops: " + s.getProblem().getMessage());
                    damaged |= s.getProblem().getKind() != RegistryException.Kind.FOREIGN;
                }
            }
            return damaged ? FAILED : 0;
        }
    }

    /** {@code mlops models show NAME [VERSION|ALIAS|latest]}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Everything recorded about one version.")
    static final class Show extends RegistryCall {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", arity = "0..1", paramLabel = "REF", defaultValue = "latest",
                description = "A version (3 or v3), an alias (production) or latest (default).")
        String reference;

        @Override
        int run(ModelRegistry registry, PrintWriter out) throws IOException, InterruptedException {
            ModelVersion v = registry.resolve(name, reference);
            Map<String, Integer> aliases = registry.aliases(name);
            if (json) {
                RegistryOutput.print(out, RegistryOutput.version(v, aliases));
                return 0;
            }
            out.println(v.getName() + " v" + v.getVersion());
            Tables t = new Tables("FIELD", "VALUE");
            t.row("digest", v.getDigest());
            t.row("created", v.getCreatedAt());
            t.row("aliases", String.join(", ", RegistryOutput.aliasesOf(v.getVersion(), aliases)));
            t.row("gate", v.getGate().describe());
            t.row("metrics", RegistryOutput.metrics(v.getMetrics()));
            t.row("params", v.getParams().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" ")));
            t.row("job", v.getLineage().getJob() == null ? null
                    : v.getLineage().getJob() + (v.getLineage().getBuildNumber() == null ? "" : " #" + v.getLineage().getBuildNumber()));
            t.row("build url", v.getLineage().getBuildUrl());
            t.row("git", v.getLineage().getGitCommit() == null ? null
                    : v.getLineage().getGitCommit() + (v.getLineage().getGitUrl() == null ? "" : " (" + v.getLineage().getGitUrl() + ")"));
            t.row("training image", v.getLineage().getTrainingImageId());
            t.row("data digest", v.getLineage().getDataDigest());
            t.row("registered by", v.getLineage().getActor());
            t.print(out);
            out.println();
            Tables files = new Tables("FILE", "SIZE", "DIGEST");
            for (ModelFile f : v.getFiles()) {
                files.row(f.getPath(), Tables.size(f.getSize()), f.getDigest());
            }
            files.print(out);
            return 0;
        }
    }

    /** {@code mlops models versions NAME}. */
    @Command(name = "versions", mixinStandardHelpOptions = true, description = "All versions of a model, oldest first.")
    static final class Versions extends RegistryCall {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int run(ModelRegistry registry, PrintWriter out) throws IOException, InterruptedException {
            ModelNames.requireModelName("name", name);
            List<ListedVersion> versions = registry.listVersions(name);
            if (versions.isEmpty()) {
                spec.commandLine().getErr().println("mlops: No model named " + name + " in " + registry.location());
                return FAILED;
            }
            Map<String, Integer> aliases = registry.aliases(name);
            if (json) {
                ArrayNode arr = RegistryOutput.JSON.createArrayNode();
                versions.forEach(v -> arr.add(v.isReadable() ? RegistryOutput.version(v.getVersion(), aliases)
                        : RegistryOutput.unreadable(v, aliases)));
                RegistryOutput.print(out, arr);
            } else {
                Tables t = new Tables("VERSION", "CREATED", "GATE", "FILES", "SIZE", "ALIASES", "METRICS");
                for (ListedVersion l : versions) {
                    String aliasesOf = String.join(",", RegistryOutput.aliasesOf(l.getNumber(), aliases));
                    ModelVersion v = l.getVersion();
                    if (v == null) {
                        t.row("v" + l.getNumber(), null, RegistryOutput.mark(l.getProblem()), null, null, aliasesOf, null);
                    } else {
                        t.row("v" + v.getVersion(), v.getCreatedAt(), v.getGate().describe(), v.getFiles().size(),
                                Tables.size(v.totalSize()), aliasesOf, RegistryOutput.metrics(v.getMetrics()));
                    }
                }
                t.print(out);
            }
            // The others are listed; each unreadable one is said on stderr, in the words show and pull use for it.
            boolean unreadable = false;
            for (ListedVersion l : versions) {
                if (!l.isReadable()) {
                    spec.commandLine().getErr().println("mlops: " + l.getProblem().getMessage());
                    unreadable = true;
                }
            }
            return unreadable ? FAILED : 0;
        }
    }

    /** {@code mlops models alias NAME ALIAS VERSION}. */
    @Command(name = "alias", mixinStandardHelpOptions = true,
            description = "Point an alias at a version. Versions that did not pass their gate need --force.")
    static final class Alias extends RegistryCall {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "ALIAS", description = "e.g. production")
        String alias;
        @Parameters(index = "2", paramLabel = "VERSION", description = "3 or v3")
        String version;
        @Option(names = "--force", description = "Override the gate; recorded in the alias history.")
        boolean force;
        @Option(names = "--actor", description = "Who moves the alias (default: $JOB_NAME #$BUILD_NUMBER, else the OS user).")
        String actor;

        @Override
        int run(ModelRegistry registry, PrintWriter out) throws IOException, InterruptedException {
            ModelNames.requireModelName("name", name);
            ModelNames.requireAlias("alias", alias);
            int v = versionNumber(version);
            AliasEvent e = registry.setAlias(name, alias, v, force, actor(actor));
            printMove(out, name, e, json);
            return 0;
        }
    }

    /** {@code mlops models history NAME [ALIAS] [--at TIME]}. */
    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Every alias move, or with --at where an alias pointed at that moment.")
    static final class History extends RegistryCall {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", arity = "0..1", paramLabel = "ALIAS", description = "Only this alias.")
        String alias;
        @Option(names = "--at", paramLabel = "TIME",
                description = "An instant (2026-03-01T12:00:00Z) or a date (2026-03-01, meaning its end, UTC); needs ALIAS.")
        String at;

        @Override
        int run(ModelRegistry registry, PrintWriter out) throws IOException, InterruptedException {
            ModelNames.requireModelName("name", name);
            if (at != null) {
                if (alias == null) {
                    throw new MlopsArgumentException("at", "give the alias to look up, e.g. models history " + name + " production --at " + at);
                }
                Instant when = instant(at);
                Optional<Integer> v = registry.aliasAt(name, alias, when);
                if (json) {
                    ObjectNode n = RegistryOutput.JSON.createObjectNode();
                    n.put("alias", alias).put("at", when.toString());
                    if (v.isPresent()) {
                        n.put("version", v.get());
                    } else {
                        n.putNull("version");
                    }
                    RegistryOutput.print(out, n);
                } else if (v.isPresent()) {
                    out.println(name + " " + alias + " was v" + v.get() + " at " + when);
                } else {
                    out.println(name + " had no alias '" + alias + "' at " + when);
                }
                return v.isPresent() ? 0 : FAILED;
            }
            List<AliasEvent> events = registry.aliasHistory(name, alias);
            if (json) {
                ArrayNode arr = RegistryOutput.JSON.createArrayNode();
                events.forEach(e -> arr.add(RegistryOutput.event(e)));
                RegistryOutput.print(out, arr);
                return 0;
            }
            if (events.isEmpty()) {
                out.println(name + " has no alias moves" + (alias == null ? "" : " for '" + alias + "'"));
                return 0;
            }
            Tables t = new Tables("WHEN", "ALIAS", "FROM", "TO", "BY", "NOTE");
            for (AliasEvent e : events) {
                t.row(e.getAt(), e.getAlias(), e.getFromVersion() == null ? null : "v" + e.getFromVersion(),
                        "v" + e.getToVersion(), e.getActor(), note(e));
            }
            t.print(out);
            return 0;
        }
    }

    /** {@code mlops models rollback NAME ALIAS}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Move an alias back to the version it pointed at before its last move.")
    static final class Rollback extends RegistryCall {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "ALIAS")
        String alias;
        @Option(names = "--actor", description = "Who rolls back (default: $JOB_NAME #$BUILD_NUMBER, else the OS user).")
        String actor;

        @Override
        int run(ModelRegistry registry, PrintWriter out) throws IOException, InterruptedException {
            AliasEvent e = registry.rollback(name, alias, actor(actor));
            printMove(out, name, e, json);
            return 0;
        }
    }

    /** {@code mlops models pull NAME [REF] --to DIR}. */
    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Copy a version's files into a directory, verifying every digest.")
    static final class Pull extends RegistryCall {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", arity = "0..1", paramLabel = "REF", defaultValue = "latest",
                description = "A version (3 or v3), an alias (production) or latest (default).")
        String reference;
        @Option(names = "--to", required = true, paramLabel = "DIR", description = "A new or empty directory.")
        Path to;

        @Override
        int run(ModelRegistry registry, PrintWriter out) throws IOException, InterruptedException {
            ModelVersion v = registry.pull(name, reference, to);
            if (json) {
                ObjectNode n = RegistryOutput.version(v, registry.aliases(name));
                n.put("pulledTo", to.toAbsolutePath().toString());
                RegistryOutput.print(out, n);
            } else {
                out.println("pulled " + v.getName() + " v" + v.getVersion() + " (" + v.getFiles().size() + " file(s), "
                        + Tables.size(v.totalSize()) + ") into " + to.toAbsolutePath() + "; digests verified");
            }
            return 0;
        }
    }

    static void printMove(PrintWriter out, String name, AliasEvent e, boolean json) {
        if (json) {
            RegistryOutput.print(out, RegistryOutput.event(e));
        } else if (!e.isMove()) {
            out.println(name + " " + e.getAlias() + " already points at v" + e.getToVersion() + "; nothing changed");
        } else {
            out.println(name + " " + e.getAlias() + ": " + (e.getFromVersion() == null ? "(new)" : "v" + e.getFromVersion())
                    + " -> v" + e.getToVersion() + (note(e).isEmpty() ? "" : " (" + note(e) + ")"));
        }
    }

    private static String note(AliasEvent e) {
        String s = e.getAction() == AliasEvent.Action.ROLLBACK ? "rollback" : "";
        if (e.isForced()) {
            s = s.isEmpty() ? "forced" : s + ", forced";
        }
        return s;
    }

    private static String aliasList(Map<String, Integer> aliases) {
        return aliases.entrySet().stream().map(e -> e.getKey() + "=v" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static int versionNumber(String text) {
        if (text == null || !text.matches("v?[0-9]{1,9}")) {
            throw new MlopsArgumentException("version", "'" + text + "' is not a version number such as 3 or v3");
        }
        return ModelNames.requireVersion("version", Integer.parseInt(text.startsWith("v") ? text.substring(1) : text));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1);
            } catch (DateTimeParseException e2) {
                throw new MlopsArgumentException("at", "'" + text + "' is neither an instant such as"
                        + " 2026-03-01T12:00:00Z nor a date such as 2026-03-01");
            }
        }
    }
}
