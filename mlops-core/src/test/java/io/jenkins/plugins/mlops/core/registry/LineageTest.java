package io.jenkins.plugins.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineageTest {

    @ParameterizedTest
    @CsvSource({
        "https://user:ghp_t0ken@github.com/acme/models.git, https://github.com/acme/models.git",
        "https://x-access-token:abc@github.com/acme/models.git, https://github.com/acme/models.git",
        "https://oauth2:glpat-xyz@gitlab.example.com:8443/a/b.git, https://gitlab.example.com:8443/a/b.git",
        "ssh://git@host.example/acme/models.git, ssh://host.example/acme/models.git",
        "https://github.com/acme/models.git, https://github.com/acme/models.git",
        "git@github.com:acme/models.git, git@github.com:acme/models.git",
        "https://github.com/acme/models.git?ref=a@b, https://github.com/acme/models.git?ref=a@b"})
    void credentialsInAGitRemoteAreNeverStored(String remote, String stored) {
        Lineage l = Lineage.builder().gitUrl(remote).buildUrl("https://ci:secret@jenkins.example/job/x/1/").build();
        assertThat(l.getGitUrl()).isEqualTo(stored);
        assertThat(l.getBuildUrl()).isEqualTo("https://jenkins.example/job/x/1/");
    }

    @Test
    void noRemoteIsNoRemote() {
        assertThat(Lineage.builder().gitUrl(" ").build().getGitUrl()).isNull();
        assertThat(Lineage.withoutUserInfo(null)).isNull();
    }
}
