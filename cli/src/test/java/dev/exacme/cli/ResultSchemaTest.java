package dev.exacme.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The schema refuses what the contract rules out, so that validating against it means something. */
class ResultSchemaTest {

    private static CommandRun printed(int exit, String document) {
        return new CommandRun(exit, document, "");
    }

    private static final String LIST = """
            {"schemaVersion": 1, "status": "ok", "command": "list", "exitCode": 0,
             "certificates": [{"name": "mail", "domains": ["mail.example.com"], "notAfter": "2026-12-01T18:52:07Z",
               "phase": "done", "renewAt": null, "why": "not due", "lastResult": null}]}""";

    @Test
    void aDocumentOfTheContractIsAccepted() {
        assertEquals("list", ResultSchema.check(printed(0, LIST)).get("command").asText());
        ResultSchema.check(printed(2, """
                {"schemaVersion": 1, "status": "error", "command": "revoke", "exitCode": 2, "kind": "usage",
                 "message": "Missing required option: '--reason=REASON'"}"""));
    }

    @Test
    void whatTheContractRulesOutIsRefused() {
        var refusals = java.util.List.of(
                LIST.replace("\"status\": \"ok\"", "\"status\": \"done\""),
                LIST.replace("\"exitCode\": 0", "\"exitCode\": 1"),
                LIST.replace("\"command\": \"list\"", "\"command\": \"lists\""),
                LIST.replace("\"schemaVersion\": 1, ", ""),
                LIST.replace("2026-12-01T18:52:07Z", "2026-12-01T18:52:07.123456789Z"),
                LIST.replace("[\"mail.example.com\"]", "\"mail.example.com\""),
                LIST.replace("\"certificates\"", "\"certificate\""),
                """
                {"schemaVersion": 1, "status": "error", "command": "revoke", "exitCode": 2, "message": "no kind"}""",
                """
                {"schemaVersion": 1, "status": "error", "command": "revoke", "exitCode": 0, "kind": "usage",
                 "message": "an error that exits 0"}""");
        for (var refused : refusals) {
            var exit = refused.contains("\"exitCode\": 1") ? 1 : refused.contains("\"exitCode\": 2") ? 2 : 0;
            var failure = assertThrows(AssertionError.class, () -> ResultSchema.check(printed(exit, refused)), refused);
            assertTrue(failure.getMessage().contains("refuses"), failure.getMessage());
        }
    }

    @Test
    void twoDocumentsAreNotOne() {
        var failure = assertThrows(AssertionError.class, () -> ResultSchema.check(printed(0, LIST + "\n" + LIST)));
        assertTrue(failure.getMessage().contains("more than one"), failure.getMessage());
    }
}
