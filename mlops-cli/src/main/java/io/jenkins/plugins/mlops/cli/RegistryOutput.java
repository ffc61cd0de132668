package io.jenkins.plugins.mlops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.ListedVersion;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The JSON the registry commands print with {@code --json}: the stored record plus digest and aliases. */
final class RegistryOutput {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RegistryOutput() {
    }

    static ObjectNode version(ModelVersion v, Map<String, Integer> aliases) {
        ObjectNode n = RegistryJson.recordNode(v);
        n.remove("schemaVersion");
        n.put("digest", v.getDigest());
        ArrayNode a = n.putArray("aliases");
        aliasesOf(v.getVersion(), aliases).forEach(a::add);
        return n;
    }

    /** A version that cannot be read: its number, where its aliases point, and why. */
    static ObjectNode unreadable(ListedVersion l, Map<String, Integer> aliases) {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", l.getNumber());
        n.put("readable", false);
        n.put("problem", l.getProblem().getMessage());
        n.put("kind", l.getProblem().getKind().name().toLowerCase(Locale.ROOT));
        ArrayNode a = n.putArray("aliases");
        aliasesOf(l.getNumber(), aliases).forEach(a::add);
        return n;
    }

    /** The word a table shows in place of what cannot be read; the message itself goes to stderr. */
    static String mark(RegistryException problem) {
        return switch (problem.getKind()) {
            case FOREIGN -> "NOT MLOPS";
            case NOT_FOUND -> "MISSING";
            default -> "DAMAGED";
        };
    }

    static ObjectNode summary(ModelSummary s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", s.getName());
        if (!s.isReadable()) {
            n.put("readable", false);
            n.put("problem", s.getProblem().getMessage());
            n.put("kind", s.getProblem().getKind().name().toLowerCase(Locale.ROOT));
            return n;
        }
        n.put("versions", s.getVersionCount());
        if (s.getLatestVersion() == null) {
            n.putNull("latest");
        } else {
            n.put("latest", s.getLatestVersion());
        }
        ObjectNode a = n.putObject("aliases");
        s.getAliases().forEach(a::put);
        return n;
    }

    static ObjectNode event(AliasEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("alias", e.getAlias());
        if (e.getFromVersion() == null) {
            n.putNull("from");
        } else {
            n.put("from", e.getFromVersion());
        }
        n.put("to", e.getToVersion());
        n.put("actor", e.getActor());
        n.put("at", e.getAt().toString());
        n.put("forced", e.isForced());
        n.put("action", e.getAction().name().toLowerCase(Locale.ROOT));
        n.put("moved", e.isMove());
        return n;
    }

    static void print(PrintWriter out, Object node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> aliasesOf(int version, Map<String, Integer> aliases) {
        return aliases.entrySet().stream().filter(e -> e.getValue() == version).map(Map.Entry::getKey).sorted().toList();
    }

    static String metrics(Map<String, Double> metrics) {
        return metrics.entrySet().stream()
                .map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    static String format(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        String s = String.format(Locale.ROOT, "%.6g", d);
        if (s.contains("e") || s.contains("E")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
