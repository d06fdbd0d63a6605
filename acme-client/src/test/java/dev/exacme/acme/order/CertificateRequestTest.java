package dev.exacme.acme.order;

import dev.exacme.acme.challenge.Http01Solver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateRequestTest {

    @Test
    void keepsTheOrderOfNames() throws InvalidRequest {
        var names = CertificateRequest.parseNames(List.of("mail.example.com", "autodiscover.example.com"));
        assertEquals(List.of("mail.example.com", "autodiscover.example.com"),
                names.stream().map(DomainName::ascii).toList());
    }

    @Test
    void refusesDuplicatesAlsoAfterNormalization() {
        var plain = assertThrows(InvalidRequest.class,
                () -> CertificateRequest.parseNames(List.of("mail.example.com", "mail.example.com")));
        assertTrue(plain.getMessage().contains("given twice"), plain.getMessage());
        var folded = assertThrows(InvalidRequest.class,
                () -> CertificateRequest.parseNames(List.of("bücher.example", "XN--BCHER-KVA.example")));
        assertTrue(folded.getMessage().contains("also as 'bücher.example'"), folded.getMessage());
    }

    @Test
    void refusesMoreThanAHundredNames() throws InvalidRequest {
        var names = new ArrayList<String>();
        for (int i = 0; i < 100; i++) {
            names.add("host" + i + ".example.com");
        }
        assertEquals(100, CertificateRequest.parseNames(names).size());
        names.add("host100.example.com");
        var refusal = assertThrows(InvalidRequest.class, () -> CertificateRequest.parseNames(names));
        assertTrue(refusal.getMessage().contains("101 names"), refusal.getMessage());
    }

    @Test
    void refusesNoNames() {
        var refusal = assertThrows(InvalidRequest.class, () -> CertificateRequest.parseNames(List.of()));
        assertTrue(refusal.getMessage().contains("-d NAME"), refusal.getMessage());
    }

    @Test
    void http01RefusesWildcards() throws InvalidRequest {
        var request = new CertificateRequest(CertificateRequest.parseNames(List.of("example.com", "*.example.com")),
                KeyType.RSA_2048, Optional.empty(), Optional.empty(), Optional.empty());
        var refusal = assertThrows(InvalidRequest.class, () -> Http01Solver.refuseWildcards(request.names()));
        assertTrue(refusal.getMessage().contains("*.example.com"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("DNS-01"), refusal.getMessage());
    }

    @Test
    void reusedKeyDecidesTheKeyType() throws InvalidRequest {
        var request = new CertificateRequest(CertificateRequest.parseNames(List.of("example.com")),
                KeyType.RSA_2048, Optional.of(KeyType.EC_P384.generate()), Optional.empty(), Optional.empty());
        assertEquals(KeyType.EC_P384, request.effectiveKeyType());
    }
}
