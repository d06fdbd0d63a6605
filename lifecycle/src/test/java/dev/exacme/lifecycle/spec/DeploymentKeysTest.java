package dev.exacme.lifecycle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The keys the state records deployments by: the same settings the same key (across runs and
 * releases' field order alike), changed settings another key, and a second identical deployment
 * a key of its own so that it runs too.
 */
class DeploymentKeysTest {

    private static CertificateSpec spec(List<DeploymentSpec> deployments) {
        return new CertificateSpec(CertificateSpec.SCHEMA_VERSION, "mail", List.of("mail.contoso.test"),
                new CaSpec("https://acme.test/dir", List.of(), new AccountSpec(List.of(), true, null, null), null, null),
                new ChallengeSpec.Http01Listener(80, List.of(), true), new KeySpec("rsa2048", false),
                new StoreSpec.Pem("/tmp/mail", null), deployments, Duration.ofMinutes(5), null, Instant.EPOCH);
    }

    private static DeploymentSpec.Script script(String argument) {
        return new DeploymentSpec.Script("/usr/local/bin/feed-appliance", List.of(argument), Duration.ofMinutes(5));
    }

    @Test
    void keysFollowTheSettings() {
        var one = script("{thumbprint}");
        assertEquals(one.key(), script("{thumbprint}").key());
        assertTrue(one.key().matches("script:[0-9a-f]{8}"), one.key());
        assertNotEquals(one.key(), script("{names}").key(), "an edited target is deployed to again");
    }

    @Test
    void aSecondIdenticalDeploymentHasAKeyOfItsOwn() {
        var keys = spec(List.of(script("{thumbprint}"), script("{names}"), script("{thumbprint}"))).deploymentKeys();
        assertEquals(3, keys.stream().distinct().count(), keys.toString());
        assertEquals(keys.get(0) + "#2", keys.get(2));
    }

    @Test
    void anExchangeDefinitionWrittenBeforeConnectorsWithoutCnExistedKeepsItsKeyAndMeansNo() throws Exception {
        var before = "{\"type\":\"exchange\",\"servers\":[\"EX01\"],\"allServers\":false,\"services\":[\"IIS\",\"SMTP\"],"
                + "\"replaceDefaultSmtp\":false,\"includeBackEnd\":false,\"restartServices\":false,"
                + "\"powershellTimeout\":\"PT5M\",\"keepOld\":\"P7D\"}";
        var read = (DeploymentSpec.Exchange) SpecJson.MAPPER.readValue(before, DeploymentSpec.class);

        assertEquals(null, read.connectorsWithoutCn());
        assertEquals(false, read.options(List.of("EX01")).connectorsWithoutCn());
        assertEquals(new DeploymentSpec.Exchange(List.of("EX01"), false, null, List.of("IIS", "SMTP"), false, false, null,
                false, Duration.ofMinutes(5), Duration.ofDays(7)).key(), read.key(), "no redeployment after an upgrade");
        var allowed = new DeploymentSpec.Exchange(List.of("EX01"), false, null, List.of("IIS", "SMTP"), false, false,
                null, false, Duration.ofMinutes(5), GracePeriod.fixed(Duration.ofDays(7)), true);
        assertTrue(allowed.options(List.of("EX01")).connectorsWithoutCn());
        assertEquals(allowed, SpecJson.MAPPER.readValue(SpecJson.MAPPER.writeValueAsString(allowed), DeploymentSpec.class));
        assertNotEquals(read.key(), allowed.key(), "allowing it is a change the target is deployed to again for");
    }
}
