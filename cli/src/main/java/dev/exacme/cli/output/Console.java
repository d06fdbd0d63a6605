package dev.exacme.cli.output;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.lifecycle.run.Progress;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * What the person or the script calling exacme sees. Results go to standard output, as
 * readable text or, with {@code --json}, as one JSON document; progress and errors go to
 * standard error, so that a script can parse stdout while a person watches stderr.
 *
 * <p>Every JSON document has the same envelope ({@code schema/result.schema.json}):
 * {@code schemaVersion}, {@code status} ({@code ok}, {@code partial} or {@code error}),
 * {@code command} and {@code exitCode}, then the command's own fields; an error also has
 * {@code kind} and {@code message}. Commands build only their own fields; the envelope is
 * put here, so that it cannot differ between them.
 */
public final class Console implements Progress {

    /** The version of the result schema the documents follow; raised on an incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean quiet;
    private final String command;
    private final String prefix;
    private String networkContext;
    private boolean documentPrinted;

    /** A console for {@code command}: its name under {@code exacme}, e.g. {@code store list}. */
    public Console(PrintWriter out, PrintWriter err, boolean json, boolean quiet, String command) {
        this(out, err, json, quiet, command, "");
    }

    private Console(PrintWriter out, PrintWriter err, boolean json, boolean quiet, String command, String prefix) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
        this.command = command;
        this.prefix = prefix;
    }

    /** The same console with {@code more} before every progress line (e.g. {@code [mail] }). */
    @Override
    public Console prefixed(String more) {
        return new Console(out, err, json, quiet, command, prefix + more);
    }

    @Override
    public void line(String text) {
        progress(text);
    }

    @Override
    public void networkRoute(String route) {
        onNetworkFailure(route);
    }

    public boolean json() {
        return json;
    }

    /** A fresh JSON object for a result document (no ObjectMapper: building one costs more than most commands). */
    public ObjectNode newDocument() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Prints a complete result of exit code 0: the JSON document with {@code --json}, the text otherwise. */
    public void result(ObjectNode document, String text) {
        result(document, text, 0);
    }

    /**
     * Prints a complete result and returns {@code exitCode}: a non-zero code makes it
     * {@code partial} (the command did its work, and some of it failed or needs attention).
     */
    public int result(ObjectNode document, String text, int exitCode) {
        if (json) {
            onlyDocument();
            out.println(envelope(exitCode == 0 ? "ok" : "partial", exitCode, document).toPrettyString());
        } else {
            out.print(text);
        }
        out.flush();
        return exitCode;
    }

    /**
     * An error: the command could not do its work. The message always goes to stderr; with
     * {@code --json} also a document on stdout with {@code kind} (e.g. {@code usage},
     * {@code ca-refused}) and {@code message}, then {@code details}' fields.
     */
    public int error(int exitCode, String kind, String message, ObjectNode details) {
        err.println("exacme: " + message);
        err.flush();
        if (json) {
            onlyDocument();
            var document = newDocument().put("kind", kind).put("message", message);
            if (details != null) {
                document.setAll(details);
            }
            out.println(envelope("error", exitCode, document).toPrettyString());
            out.flush();
        }
        return exitCode;
    }

    /** A script reads one document; a command that would print a second one is a defect, found by its tests. */
    private void onlyDocument() {
        if (documentPrinted) {
            throw new IllegalStateException("exacme " + command + " printed its result document already");
        }
        documentPrinted = true;
    }

    private ObjectNode envelope(String status, int exitCode, ObjectNode fields) {
        var document = newDocument();
        document.put("schemaVersion", SCHEMA_VERSION);
        document.put("status", status);
        document.put("command", command);
        document.put("exitCode", exitCode);
        fields.fields().forEachRemaining(field -> {
            if (!document.has(field.getKey())) {
                document.set(field.getKey(), field.getValue());
            }
        });
        return document;
    }

    /** A line added to messages about network failures: which proxy the connection went through. */
    public void onNetworkFailure(String context) {
        this.networkContext = context;
    }

    /** The network line, if a command set one. */
    public Optional<String> networkContext() {
        return Optional.ofNullable(networkContext);
    }

    /** A progress line on stderr, unless {@code --quiet}. */
    public void progress(String line) {
        if (!quiet) {
            err.println(prefix + line);
            err.flush();
        }
    }

    @Override
    public void on(ProgressEvent event) {
        progress(ProgressText.of(event));
    }
}
