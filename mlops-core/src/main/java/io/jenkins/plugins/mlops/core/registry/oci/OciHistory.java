package io.jenkins.plugins.mlops.core.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.AliasHistory;
import io.jenkins.plugins.mlops.core.registry.Digests;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryJson;
import java.util.ArrayList;
import java.util.List;

/**
 * What a model's history artifact holds: every version ever registered, pinned to the digest of its manifest, and
 * every alias move. It is the source of truth of an OCI model: a version's number comes from it (never from the
 * tags that happen to exist, which anybody with push rights can delete or overwrite), every read checks the version
 * tag against the pinned digest, and a deleted version stays listed as deleted.
 */
final class OciHistory {

    /** A registered version and the manifest digest it was registered with. */
    record Pin(int version, String digest) {
    }

    private final List<Pin> versions;
    private final AliasHistory aliases;

    OciHistory(List<Pin> versions, AliasHistory aliases) {
        this.versions = List.copyOf(versions);
        this.aliases = aliases;
    }

    static OciHistory empty() {
        return new OciHistory(List.of(), AliasHistory.empty());
    }

    /** The versions in registration order. */
    List<Pin> versions() {
        return versions;
    }

    AliasHistory aliases() {
        return aliases;
    }

    /** The pin of {@code version}, or null when it was never registered. */
    Pin pin(int version) {
        for (Pin p : versions) {
            if (p.version() == version) {
                return p;
            }
        }
        return null;
    }

    /** The highest number registered so far, 0 for none. */
    int highest() {
        return versions.stream().mapToInt(Pin::version).max().orElse(0);
    }

    OciHistory plus(Pin pin) {
        List<Pin> all = new ArrayList<>(versions);
        all.add(pin);
        return new OciHistory(all, aliases);
    }

    OciHistory plus(List<AliasEvent> events) {
        AliasHistory h = aliases;
        for (AliasEvent e : events) {
            h = h.plus(e);
        }
        return new OciHistory(versions, h);
    }

    byte[] bytes() {
        ObjectNode root = RegistryJson.historyNode(aliases);
        var arr = root.putArray("versions");
        for (Pin p : versions) {
            arr.addObject().put("version", p.version()).put("digest", p.digest());
        }
        return OciArtifacts.bytes(root);
    }

    /** @param where names the history in messages: repository, tag and registry */
    static OciHistory read(byte[] bytes, String where) throws RegistryException {
        JsonNode root = RegistryJson.readTree(bytes, "The history " + where);
        AliasHistory aliases = RegistryJson.readHistory(root, where);
        List<Pin> pins = new ArrayList<>();
        for (JsonNode v : root.path("versions")) {
            int number = v.path("version").asInt(0);
            String digest = v.path("digest").asText("");
            if (number < 1 || !Digests.isSha256(digest) || pins.stream().anyMatch(p -> p.version() == number)) {
                throw new RegistryException(RegistryException.Kind.CORRUPT, "The history " + where
                        + " cannot be read: version entry " + v + " is not a version number with a sha256 digest");
            }
            pins.add(new Pin(number, digest));
        }
        return new OciHistory(pins, aliases);
    }
}
