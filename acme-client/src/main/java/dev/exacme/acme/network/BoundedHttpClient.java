package dev.exacme.acme.network;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient} whose every exchange is bounded in time and size: the whole
 * exchange, body included, ends by the request's timeout, and no body may exceed a byte limit.
 *
 * <p>The JDK's request timeout stops counting once the headers have arrived: a server that
 * sends headers and then a byte every few seconds holds a reader for ever, and one that sends
 * a body of 100 MB fills the heap of anyone reading it into a string. Both are refused here,
 * below every caller (acme4j, DNS provider APIs, notifications), so no caller can forget.
 */
final class BoundedHttpClient extends HttpClient {

    // One daemon thread for all deadlines: a task only cancels a subscription and signals an
    // error, so it never blocks, and a JVM that is done never waits for a pending deadline.
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final HttpClient delegate;
    private final Duration defaultTimeout;
    private final long maxBodyBytes;

    BoundedHttpClient(HttpClient delegate, Duration defaultTimeout, long maxBodyBytes) {
        this.delegate = delegate;
        this.defaultTimeout = defaultTimeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        var executor = new ScheduledThreadPoolExecutor(1, task -> {
            var thread = new Thread(task, "exacme-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // Most exchanges end long before their deadline; drop their tasks at once.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        var future = sendAsync(request, handler);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromises) {
        var exchange = new Exchange<>(request, handler, request.timeout().orElse(defaultTimeout));
        var sent = pushPromises == null ? delegate.sendAsync(request, exchange::subscriber)
                : delegate.sendAsync(request, exchange::subscriber, pushPromises);
        exchange.start(sent);
        return exchange.result;
    }

    /** One request: its deadline, its body subscriber once headers arrived, and its result. */
    private final class Exchange<T> {
        private final URI uri;
        private final Duration timeout;
        private final HttpResponse.BodyHandler<T> handler;
        private final boolean head;
        private final Optional<String> acceptedEncodings;
        private final CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        private volatile CompletableFuture<HttpResponse<T>> sent;
        private volatile Bounded<T> body;
        private volatile ScheduledFuture<?> deadline;

        Exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration timeout) {
            this.uri = request.uri();
            this.handler = handler;
            // The headers of an answer to HEAD describe the body a GET would get.
            this.head = request.method().equalsIgnoreCase("HEAD");
            this.timeout = timeout;
            this.acceptedEncodings = request.headers().firstValue("Accept-Encoding");
        }

        void start(CompletableFuture<HttpResponse<T>> sent) {
            this.sent = sent;
            deadline = DEADLINES.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
            sent.whenComplete((response, failure) -> {
                if (failure == null) {
                    result.complete(response);
                    return;
                }
                var cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                // The JDK's own request timeout (headers late) says only "request timed out";
                // the same limit ran out, so it gets the same words naming URL and limit.
                if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)
                        && !(cause instanceof ResponseDeadlineExceeded)) {
                    cause = new ResponseDeadlineExceeded(uri, timeout);
                }
                result.completeExceptionally(cause);
                finished();
            });
            // A caller that gives up (cancel, interrupt) ends the exchange itself.
            result.whenComplete((response, failure) -> {
                if (result.isCancelled()) {
                    sent.cancel(true);
                    finished();
                }
            });
        }

        HttpResponse.BodySubscriber<T> subscriber(HttpResponse.ResponseInfo info) {
            var subscriber = new Bounded<>(this, info, handler.apply(info));
            body = subscriber;
            return subscriber;
        }

        /** The deadline: whatever part of the exchange is still running ends with a timeout. */
        private void expire() {
            var failure = new ResponseDeadlineExceeded(uri, timeout);
            var subscriber = body;
            if (subscriber != null) {
                subscriber.fail(failure);
            }
            if (result.completeExceptionally(failure)) {
                sent.cancel(true);
            }
        }

        void finished() {
            var task = deadline;
            if (task != null) {
                task.cancel(false);
            }
        }

        ResponseTooLarge refusal(HttpHeaders headers, long received) {
            if (received > maxBodyBytes) {
                return new ResponseTooLarge(uri, maxBodyBytes, "goes on past " + Sizes.words(maxBodyBytes)
                        + ", the most exacme accepts for one answer");
            }
            if (head) {
                return null;
            }
            var encoding = headers.firstValue("Content-Encoding").map(value -> value.trim().toLowerCase(Locale.ROOT))
                    .filter(value -> !value.isEmpty() && !value.equals("identity"));
            if (encoding.isPresent() && acceptedEncodings.map(accepted -> !accepted.toLowerCase(Locale.ROOT)
                    .contains(encoding.get())).orElse(true)) {
                // A reader would decode it: a small compressed body can decode to gigabytes.
                return new ResponseTooLarge(uri, maxBodyBytes, "is compressed (Content-Encoding: " + encoding.get()
                        + ") though exacme did not ask for that, so its real size is unknown (exacme accepts at most "
                        + Sizes.words(maxBodyBytes) + " for one answer)");
            }
            long announced;
            try {
                announced = headers.firstValueAsLong("Content-Length").orElse(-1);
            } catch (NumberFormatException garbled) {
                // The JDK frames the body itself; a garbled length only loses the early refusal.
                announced = -1;
            }
            if (announced > maxBodyBytes) {
                return new ResponseTooLarge(uri, maxBodyBytes, "announces " + announced + " bytes, more than the "
                        + Sizes.words(maxBodyBytes) + " exacme accepts for one answer");
            }
            return null;
        }
    }

    /**
     * Passes the body to the caller's subscriber while counting it, and ends it with an error
     * when it grows past the limit or the deadline passes. Signals to the caller's subscriber
     * are serialized under this object's lock, as the Flow contract requires, because the
     * deadline arrives on another thread.
     */
    private static final class Bounded<T> implements HttpResponse.BodySubscriber<T> {
        private final Exchange<T> exchange;
        private final HttpResponse.ResponseInfo info;
        private final HttpResponse.BodySubscriber<T> inner;
        private Flow.Subscription upstream;
        private long received;
        private boolean done;

        Bounded(Exchange<T> exchange, HttpResponse.ResponseInfo info, HttpResponse.BodySubscriber<T> inner) {
            this.exchange = exchange;
            this.info = info;
            this.inner = inner;
        }

        @Override
        public java.util.concurrent.CompletionStage<T> getBody() {
            return inner.getBody();
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription subscription) {
            if (done) {
                // The deadline passed between the headers and the body.
                subscription.cancel();
                return;
            }
            upstream = subscription;
            inner.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscription.request(n);
                }

                @Override
                public void cancel() {
                    subscription.cancel();
                    Bounded.this.stop();
                }
            });
            var refusal = exchange.refusal(info.headers(), 0);
            if (refusal != null) {
                fail(refusal);
            }
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> buffers) {
            if (done) {
                return;
            }
            for (var buffer : buffers) {
                received += buffer.remaining();
            }
            var refusal = exchange.refusal(info.headers(), received);
            if (refusal != null) {
                fail(refusal);
                return;
            }
            inner.onNext(buffers);
        }

        @Override
        public synchronized void onError(Throwable throwable) {
            if (stop()) {
                inner.onError(throwable);
            }
        }

        @Override
        public synchronized void onComplete() {
            if (stop()) {
                inner.onComplete();
            }
        }

        /** Ends the body with {@code failure} unless it has ended already, and drops the connection. */
        void fail(IOException failure) {
            Flow.Subscription subscription;
            synchronized (this) {
                if (!stop()) {
                    return;
                }
                subscription = upstream;
                inner.onError(failure);
            }
            // Outside the lock: the JDK may take its own locks to cancel, and its reader thread
            // may be waiting for ours in onNext.
            if (subscription != null) {
                subscription.cancel();
            }
        }

        private synchronized boolean stop() {
            if (done) {
                return false;
            }
            done = true;
            exchange.finished();
            return true;
        }
    }

    /**
     * A JDK builder whose clients come out bounded; everything else is passed through, so
     * callers configure it as they would the JDK's.
     */
    static final class Builder implements HttpClient.Builder {
        private final HttpClient.Builder delegate;
        private final Duration defaultTimeout;
        private final long maxBodyBytes;

        Builder(HttpClient.Builder delegate, Duration defaultTimeout, long maxBodyBytes) {
            this.delegate = delegate;
            this.defaultTimeout = defaultTimeout;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public Builder cookieHandler(CookieHandler cookieHandler) {
            delegate.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public Builder connectTimeout(Duration duration) {
            delegate.connectTimeout(duration);
            return this;
        }

        @Override
        public Builder sslContext(SSLContext sslContext) {
            delegate.sslContext(sslContext);
            return this;
        }

        @Override
        public Builder sslParameters(SSLParameters sslParameters) {
            delegate.sslParameters(sslParameters);
            return this;
        }

        @Override
        public Builder executor(Executor executor) {
            delegate.executor(executor);
            return this;
        }

        @Override
        public Builder followRedirects(Redirect policy) {
            delegate.followRedirects(policy);
            return this;
        }

        @Override
        public Builder version(Version version) {
            delegate.version(version);
            return this;
        }

        @Override
        public Builder priority(int priority) {
            delegate.priority(priority);
            return this;
        }

        @Override
        public Builder proxy(ProxySelector proxySelector) {
            delegate.proxy(proxySelector);
            return this;
        }

        @Override
        public Builder authenticator(Authenticator authenticator) {
            delegate.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient build() {
            return new BoundedHttpClient(delegate.build(), defaultTimeout, maxBodyBytes);
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }
}
