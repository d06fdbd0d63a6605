package dev.exacme.lifecycle.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.lifecycle.spec.SpecJson;
import org.junit.jupiter.api.Test;

/**
 * State files of exacme 0.1 (schema 1, no phase): a certificate whose deployment was rolled back
 * was recorded as current there, and must be deployed again now rather than taken as served.
 */
class CertificateStateTest {

    /** The shape 0.1's {@code CertificateState} wrote, after {@code issue --deploy exchange} was rolled back. */
    private static final String ROLLED_BACK = """
            {
              "schemaVersion" : 1,
              "thumbprint" : "4A9648CFD7D42C7C590FF7AA65954A314222D3FC",
              "notBefore" : "2026-11-20T10:00:00Z",
              "notAfter" : "2027-02-18T10:00:00Z",
              "renewAt" : "2027-01-25T03:12:44Z",
              "windowStart" : "2027-01-19T10:00:00Z",
              "windowEnd" : "2027-02-18T10:00:00Z",
              "windowSource" : "lifetime",
              "history" : [ {
                "time" : "2026-11-20T10:01:00Z",
                "outcome" : "rolled-back",
                "thumbprint" : "4A9648CFD7D42C7C590FF7AA65954A314222D3FC",
                "step" : "deploy",
                "message" : "tls://EX01:443 presents 0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C"
              } ]
            }
            """;

    @Test
    void aVersionOneStateOfARolledBackDeploymentIsInstalledNotDeployed() throws Exception {
        var state = SpecJson.MAPPER.readValue(ROLLED_BACK, CertificateState.class);

        assertEquals(Phase.INSTALLED, state.phaseOrDone());
        assertFalse(state.heldAfterIncompleteRollback());
        assertTrue(state.deployedAt().isEmpty());
    }

    @Test
    void aVersionOneStateOfADeployedOrInstalledOnlyCertificateCountsAsDone() throws Exception {
        var deployed = SpecJson.MAPPER.readValue(ROLLED_BACK.replace("\"rolled-back\"", "\"deployed\""),
                CertificateState.class);
        var installedOnly = SpecJson.MAPPER.readValue(ROLLED_BACK.replace("\"rolled-back\"", "\"issued\""),
                CertificateState.class);

        assertEquals(Phase.DEPLOYED, deployed.phaseOrDone());
        assertEquals("2026-11-20T10:01:00Z", deployed.deployedAt().orElseThrow().toString());
        assertEquals(Phase.DEPLOYED, installedOnly.phaseOrDone());
    }

    @Test
    void anIncompleteRollbackHoldsTheCertificateUntilSomeoneLooks() throws Exception {
        var state = SpecJson.MAPPER.readValue(ROLLED_BACK.replace("\"rolled-back\"", "\"rollback-incomplete\""),
                CertificateState.class);

        assertEquals(Phase.INSTALLED, state.phaseOrDone());
        assertTrue(state.heldAfterIncompleteRollback());
    }

    @Test
    void phasesAreWrittenInLowerCase() throws Exception {
        var state = CertificateState.empty().issued("4A9648CFD7D42C7C590FF7AA65954A314222D3FC",
                java.time.Instant.parse("2026-11-20T10:00:00Z"), java.time.Instant.parse("2027-02-18T10:00:00Z"),
                Phase.DEPLOYED);

        var json = SpecJson.MAPPER.writeValueAsString(state);

        assertTrue(json.contains("\"phase\" : \"deployed\""), json);
        assertEquals(Phase.DEPLOYED, SpecJson.MAPPER.readValue(json, CertificateState.class).phase());
    }
}
