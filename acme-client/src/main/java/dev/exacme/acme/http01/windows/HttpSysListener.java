package dev.exacme.acme.http01.windows;

import static dev.exacme.acme.http01.windows.jna.HttpApiLayout.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.exacme.acme.http01.ChallengeAnswers;
import dev.exacme.acme.http01.ChallengeToken;
import dev.exacme.acme.http01.Http01Responder;
import dev.exacme.acme.http01.windows.jna.HttpApi;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

/**
 * HTTP-01 through the Windows HTTP Server API (http.sys), which shares port 80 with IIS: it
 * registers only {@code http://+:PORT/.well-known/acme-challenge/}, so every other URL stays
 * IIS's. Requests are answered by {@link ChallengeAnswers}, the same logic as exacme's Java
 * listener; this class only moves bytes to and from native memory, at the offsets of
 * {@link dev.exacme.acme.http01.windows.jna.HttpApiLayout} (checked against the SDK headers).
 * Needs an administrator (or a URL reservation). Not yet run on Windows.
 */
public final class HttpSysListener implements Http01Responder {

    private static final int RECEIVE_BUFFER = REQUEST_SIZE + 8192;

    private final HttpApi api;
    private final ChallengeAnswers answers = new ChallengeAnswers();
    private final String prefix;
    private long session;
    private long urlGroup;
    private Pointer queue;
    private Thread loop;
    private volatile boolean closed;

    private HttpSysListener(HttpApi api, String prefix) {
        this.api = api;
        this.prefix = prefix;
    }

    /**
     * Registers the challenge prefix on {@code port} and starts answering.
     *
     * @throws IOException saying why http.sys refused (rights, a prefix taken, a port held)
     */
    public static HttpSysListener start(int port) throws IOException {
        var listener = new HttpSysListener(HttpApi.load(), "http://+:" + port + ChallengeToken.PATH_PREFIX);
        try {
            listener.open();
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    private void open() throws IOException {
        check(api.HttpInitialize(VERSION_2, HTTP_INITIALIZE_SERVER, null), "HttpInitialize");
        var sessionId = new LongByReference();
        check(api.HttpCreateServerSession(VERSION_2, sessionId, 0), "HttpCreateServerSession");
        session = sessionId.getValue();
        var groupId = new LongByReference();
        check(api.HttpCreateUrlGroup(session, groupId, 0), "HttpCreateUrlGroup");
        urlGroup = groupId.getValue();
        var handle = new PointerByReference();
        check(api.HttpCreateRequestQueue(VERSION_2, null, null, 0, handle), "HttpCreateRequestQueue");
        queue = handle.getValue();
        var binding = new Memory(BINDING_INFO_SIZE);
        binding.clear();
        binding.setInt(BINDING_INFO_FLAGS, 1);
        binding.setPointer(BINDING_INFO_QUEUE, queue);
        check(api.HttpSetUrlGroupProperty(urlGroup, HTTP_SERVER_BINDING_PROPERTY, binding, BINDING_INFO_SIZE),
                "HttpSetUrlGroupProperty");
        var registered = api.HttpAddUrlToUrlGroup(urlGroup, new WString(prefix), 0, 0);
        if (registered != NO_ERROR) {
            throw new IOException("http.sys refused " + prefix + ": " + switch (registered) {
                case ERROR_ACCESS_DENIED -> "access denied; run exacme as an administrator (or reserve the URL with "
                        + "netsh http add urlacl).";
                case ERROR_ALREADY_EXISTS -> "another program has registered it (another ACME client running?).";
                case ERROR_SHARING_VIOLATION -> "a program that does not use http.sys holds the port; use --webroot "
                        + "with that web server instead.";
                default -> "error " + registered + ".";
            });
        }
        loop = new Thread(this::serve, "exacme-http-sys");
        loop.setDaemon(true);
        loop.start();
    }

    private void serve() {
        var buffer = new Memory(RECEIVE_BUFFER);
        var received = new IntByReference();
        while (!closed) {
            buffer.clear();
            var result = api.HttpReceiveHttpRequest(queue, 0L, 0, buffer, RECEIVE_BUFFER, received, null);
            if (result == ERROR_OPERATION_ABORTED || closed) {
                return;
            }
            var requestId = buffer.getLong(REQUEST_ID);
            if (result == ERROR_MORE_DATA) {
                // A request larger than any ACME validation request: not ours to answer.
                respond(requestId, new ChallengeAnswers.Answer(404, new byte[0]));
                continue;
            }
            if (result != NO_ERROR) {
                return;
            }
            var verb = buffer.getInt(REQUEST_VERB);
            var method = verb == HTTP_VERB_GET ? "GET" : verb == HTTP_VERB_HEAD ? "HEAD" : "OTHER";
            var pathBytes = buffer.getShort(REQUEST_ABS_PATH_LENGTH) & 0xFFFF;
            var pathPointer = buffer.getPointer(REQUEST_ABS_PATH);
            var path = pathPointer == null ? "" : new String(pathPointer.getCharArray(0, pathBytes / 2));
            respond(requestId, answers.answer(method, path));
        }
    }

    private void respond(long requestId, ChallengeAnswers.Answer answer) {
        var response = new Memory(RESPONSE_SIZE);
        response.clear();
        response.setShort(RESPONSE_STATUS_CODE, (short) answer.status());
        var reason = ascii(answer.status() == 200 ? "OK" : answer.status() == 404 ? "Not Found" : "Method Not Allowed");
        response.setShort(RESPONSE_REASON_LENGTH, (short) (reason.size() - 1));
        response.setPointer(RESPONSE_REASON, reason);
        Memory contentType = null;
        Memory body = null;
        Memory chunk = null;
        if (answer.status() == 200) {
            contentType = ascii("text/plain");
            var header = RESPONSE_KNOWN_HEADERS + HTTP_HEADER_CONTENT_TYPE * KNOWN_HEADER_SIZE;
            response.setShort(header + KNOWN_HEADER_LENGTH, (short) (contentType.size() - 1));
            response.setPointer(header + KNOWN_HEADER_VALUE, contentType);
            if (answer.body().length > 0) {
                body = new Memory(answer.body().length);
                body.write(0, answer.body(), 0, answer.body().length);
                chunk = new Memory(DATA_CHUNK_SIZE);
                chunk.clear();
                chunk.setInt(DATA_CHUNK_TYPE, HTTP_DATA_CHUNK_FROM_MEMORY);
                chunk.setPointer(DATA_CHUNK_BUFFER, body);
                chunk.setInt(DATA_CHUNK_BUFFER_LENGTH, answer.body().length);
                response.setShort(RESPONSE_ENTITY_CHUNK_COUNT, (short) 1);
                response.setPointer(RESPONSE_ENTITY_CHUNKS, chunk);
            }
        }
        api.HttpSendHttpResponse(queue, requestId, 0, response, null, new IntByReference(), null, 0, null, null);
        // The native memory must not be freed before the call returns.
        Reference.reachabilityFence(response);
        Reference.reachabilityFence(reason);
        Reference.reachabilityFence(contentType);
        Reference.reachabilityFence(body);
        Reference.reachabilityFence(chunk);
    }

    private static Memory ascii(String text) {
        var bytes = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        var memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    private static void check(int result, String call) throws IOException {
        if (result != NO_ERROR) {
            throw new IOException("http.sys: " + call + " failed with error " + result
                    + (result == ERROR_ACCESS_DENIED ? " (run exacme as an administrator)" : ""));
        }
    }

    @Override
    public void publish(ChallengeToken token) {
        answers.publish(token);
    }

    @Override
    public void withdraw(ChallengeToken token) {
        answers.withdraw(token);
    }

    @Override
    public String describe() {
        return "exacme's http.sys listener on " + prefix;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        answers.clear();
        if (queue != null) {
            api.HttpShutdownRequestQueue(queue);
        }
        if (loop != null) {
            try {
                loop.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (urlGroup != 0) {
            api.HttpCloseUrlGroup(urlGroup);
        }
        if (session != 0) {
            api.HttpCloseServerSession(session);
        }
        if (queue != null) {
            api.HttpCloseRequestQueue(queue);
        }
        api.HttpTerminate(HTTP_INITIALIZE_SERVER, null);
    }
}
