package dev.exacme.acme.challenge;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.http01.ChallengeToken;
import dev.exacme.acme.http01.Http01Responder;
import dev.exacme.acme.http01.SelfCheck;
import dev.exacme.acme.order.DomainName;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;

/**
 * HTTP-01 through an {@link Http01Responder}: exacme's listener or a webroot. With a
 * {@link SelfCheck}, every answer is fetched the way the CA will before the CA is asked.
 */
public final class Http01Solver implements ChallengeSolver {

    private final Http01Responder responder;
    private final Optional<SelfCheck> selfCheck;
    private final Map<String, Published> tokens = new LinkedHashMap<>();

    private record Published(String name, ChallengeToken token) {
    }

    /** Without a self-check. */
    public Http01Solver(Http01Responder responder) {
        this(responder, Optional.empty());
    }

    public Http01Solver(Http01Responder responder, Optional<SelfCheck> selfCheck) {
        this.responder = responder;
        this.selfCheck = selfCheck;
    }

    @Override
    public String type() {
        return Http01Challenge.TYPE;
    }

    @Override
    public void check(List<DomainName> names) throws InvalidRequest {
        refuseWildcards(names);
    }

    /** HTTP-01 cannot validate wildcard names; refused before anything is sent. */
    public static void refuseWildcards(List<DomainName> names) throws InvalidRequest {
        var wildcards = names.stream().filter(DomainName::isWildcard).map(DomainName::asTyped).toList();
        if (!wildcards.isEmpty()) {
            throw new InvalidRequest("Wildcard names need the DNS-01 challenge; HTTP-01 cannot validate "
                    + String.join(", ", wildcards) + ". Use --dns PROVIDER, or remove them.");
        }
    }

    @Override
    public Challenge prepare(Authorization authorization) throws AcmeFailure, IOException {
        var name = authorization.getIdentifier().getDomain();
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow(() ->
                new InvalidRequest("The CA offers no http-01 challenge for " + name + " (it offers "
                        + authorization.getChallenges().stream().map(Challenge::getType)
                            .collect(Collectors.joining(", ")) + ")."));
        var token = new ChallengeToken(challenge.getToken(), challenge.getAuthorization());
        responder.publish(token);
        tokens.put(authorization.getLocation().toString(), new Published(name, token));
        return challenge;
    }

    @Override
    public void awaitVisible() throws InvalidRequest {
        if (selfCheck.isPresent()) {
            for (var published : tokens.values()) {
                selfCheck.get().check(published.name(), published.token());
            }
        }
    }

    @Override
    public void done(Authorization authorization) throws IOException {
        var published = tokens.remove(authorization.getLocation().toString());
        if (published != null) {
            responder.withdraw(published.token());
        }
    }

    @Override
    public String describe() {
        return responder.describe();
    }

    @Override
    public void close() throws IOException {
        tokens.clear();
        responder.close();
    }
}
