package dev.exacme.store.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.KeyGrant;
import dev.exacme.store.KeyRights;
import dev.exacme.store.StoreException;
import dev.exacme.store.TestBundles;
import dev.exacme.store.pkcs12.Pkcs12Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.junit.jupiter.api.Test;

class MachineStoreTest {

    private final FakeMachineStoreApi windows = new FakeMachineStoreApi();

    private MachineStore store(boolean cng, boolean exportable, KeyGrant... access) {
        return new MachineStore(windows, new MachineStore.Options(cng, exportable, List.of(access)));
    }

    @Test
    void anRsaKeyBecomesAPersistedMachineKeyInTheSchannelCspWithTheDefaultRules() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com", "autodiscover.example.com");

        var installation = store(false, false).install(bundle, "exacme mail.example.com 2027-02-22");

        assertEquals(0x20, windows.lastPfxFlags, "CRYPT_MACHINE_KEYSET only: persisted, not exportable");
        assertEquals(List.of(KeyPlacement.SCHANNEL_CSP), cspNames(windows.lastPfx));
        assertEquals(bundle.thumbprint(), installation.thumbprint());
        assertTrue(installation.keyAccess().fit(), installation.keyAccess().problems().toString());
        var rules = installation.keyAccess().rules().stream()
                .map(rule -> rule.account() + "=" + rule.rights()).toList();
        assertEquals(List.of("NT AUTHORITY\\SYSTEM=FULL_CONTROL", "BUILTIN\\Administrators=FULL_CONTROL",
                "NT AUTHORITY\\NETWORK SERVICE=READ"), rules);
        assertTrue(installation.keyAccess().keyFile().startsWith("/ProgramData/Microsoft/Crypto/RSA/MachineKeys/"),
                installation.keyAccess().keyFile());
        assertEquals(1, windows.intermediates.size());
        assertTrue(installation.warnings().isEmpty(), installation.warnings().toString());
    }

    @Test
    void exportableAndCngAreOnlyOnRequestAndEcdsaAlwaysGoesToCngWithAWarning() throws Exception {
        store(true, true).install(TestBundles.rsa("mail.example.com"), "cng");
        assertEquals(0x20 | 0x1 | 0x200, windows.lastPfxFlags);
        assertEquals(List.of(), cspNames(windows.lastPfx));

        var ecdsa = store(false, false).install(TestBundles.ecdsa("mail.example.com"), "ec");
        assertEquals(0x20 | 0x200, windows.lastPfxFlags);
        assertTrue(ecdsa.warnings().get(0).contains("Exchange may not accept"), ecdsa.warnings().toString());
        assertTrue(ecdsa.keyAccess().provider().contains("(CNG)"));
    }

    @Test
    void aKeyWindowsPutInAnotherProviderFailsTheInstall() {
        windows.importedProvider = "Microsoft Enhanced RSA and AES Cryptographic Provider";
        windows.importedProviderType = 24;

        var error = assertThrows(StoreException.class,
                () -> store(false, false).install(TestBundles.rsa("mail.example.com"), "mail"));

        assertTrue(error.getMessage().contains("instead of a machine key in \"" + KeyPlacement.SCHANNEL_CSP),
                error.getMessage());
    }

    @Test
    void rulesThatDoNotReadBackFailTheInstallNamingWhatIsMissing() {
        windows.initialKeySddl = "O:BAD:PAI(A;;FA;;;SY)(A;;FR;;;BA)";
        windows.ignoreDaclWrites = true;

        var error = assertThrows(StoreException.class,
                () -> store(false, false).install(TestBundles.rsa("mail.example.com"), "mail"));

        assertTrue(error.getMessage().contains("BUILTIN\\Administrators (S-1-5-32-544) lacks full control"),
                error.getMessage());
        assertTrue(error.getMessage().contains("NETWORK SERVICE (S-1-5-20) lacks read access"), error.getMessage());
        assertTrue(windows.calls.contains("setKeyDacl"));
    }

    @Test
    void existingRulesAreKeptAndExtraAccountsAddedBySid() throws Exception {
        windows.initialKeySddl = "O:BAD:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;S-1-5-21-9-9-9-2000)";

        var installation = store(false, false, new KeyGrant("CONTOSO\\svc-exchange", KeyRights.READ),
                new KeyGrant("s-1-5-82-3006700770-424185619", KeyRights.FULL_CONTROL))
                .install(TestBundles.rsa("mail.example.com"), "mail");

        var sids = installation.keyAccess().rules().stream().map(rule -> rule.id()).toList();
        assertEquals(List.of("S-1-5-18", "S-1-5-32-544", "S-1-5-21-9-9-9-2000", "S-1-5-20", "S-1-5-21-1-2-3-1104",
                "S-1-5-82-3006700770-424185619"), sids);
    }

    @Test
    void badAccountsAreRefusedBeforeAnythingIsImported() {
        var unknown = assertThrows(StoreException.Rejected.class, () -> store(false, false,
                new KeyGrant("CONTOSO\\nobody", KeyRights.READ)).install(TestBundles.rsa("mail.example.com"), "m"));
        assertTrue(unknown.getMessage().contains("--acl-read CONTOSO\\nobody: no such account"), unknown.getMessage());

        var malformed = assertThrows(StoreException.Rejected.class, () -> store(false, false,
                new KeyGrant("S-1-5-twenty", KeyRights.FULL_CONTROL)).install(TestBundles.rsa("mail.example.com"), "m"));
        assertTrue(malformed.getMessage().contains("--acl-full S-1-5-twenty: not a valid SID"), malformed.getMessage());

        assertFalse(windows.calls.contains("importLeaf"));
        assertTrue(windows.my.isEmpty());
    }

    @Test
    void reinstallingTheSameCertificateReplacesItAndDeletesTheOldKeyContainer() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com");
        var machine = store(false, false);
        machine.install(bundle, "first");
        var first = windows.my.get(bundle.thumbprint().hex()).key().orElseThrow();

        machine.install(bundle, "second");

        assertEquals(1, machine.list().size());
        assertEquals(List.of(first), windows.deletedKeys);
        assertEquals("second", machine.list().get(0).friendlyName());
    }

    @Test
    void theSeedsLockedKeyIsReportedAndRepairedThroughItsFileWithPrivileges() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com");
        var locked = new KeyContainer(KeyPlacement.SCHANNEL_CSP, 12, "certify-{4F2A}", 1, true);
        windows.add(bundle.leaf().getEncoded(), locked, "O:SYD:PAI(A;;FA;;;SY)");
        windows.privileges.add("SeTakeOwnershipPrivilege");
        windows.privileges.add("SeRestorePrivilege");
        var machine = store(false, false);

        var before = machine.keyAccess(bundle.thumbprint());
        assertFalse(before.fit());
        assertTrue(before.problems().get(0).contains("this account cannot open the key"), before.problems().toString());

        var after = machine.grant(bundle.thumbprint(), List.of());

        assertTrue(after.fit(), after.problems().toString());
        var file = windows.file(locked);
        assertTrue(windows.calls.contains("setFileOwner S-1-5-32-544"), windows.calls.toString());
        assertTrue(windows.calls.contains("setFileDacl " + file), windows.calls.toString());
        assertTrue(file.toString().startsWith("/ProgramData/Microsoft/Crypto/RSA/MachineKeys/"), file.toString());
        assertTrue(windows.files.get(file).contains("(A;;0x1F01FF;;;S-1-5-18)"), "SYSTEM's entry is kept");
    }

    @Test
    void repairWithoutPrivilegesOrOfALockedCngKeySaysWhy() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com");
        windows.add(bundle.leaf().getEncoded(), new KeyContainer(KeyPlacement.SCHANNEL_CSP, 12, "locked", 1, true),
                "O:SYD:PAI(A;;FA;;;SY)");
        var notElevated = assertThrows(StoreException.class, () -> store(false, false).grant(bundle.thumbprint(), List.of()));
        assertTrue(notElevated.getMessage().contains("elevated prompt"), notElevated.getMessage());

        var cng = TestBundles.ecdsa("mail.example.com");
        windows.add(cng.leaf().getEncoded(), new KeyContainer(KeyPlacement.SOFTWARE_KSP, 0, "locked-cng", 0, true),
                "O:SYD:PAI(A;;FA;;;SY)");
        windows.privileges.add("SeRestorePrivilege");
        var noFile = assertThrows(StoreException.class, () -> store(false, false).grant(cng.thumbprint(), List.of()));
        assertTrue(noFile.getMessage().contains("CNG key this account cannot open"), noFile.getMessage());
    }

    @Test
    void removeRefusesWhileInUseThenDeletesCertificateAndKey() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com");
        var machine = store(false, false);
        machine.install(bundle, "mail");
        var key = windows.my.get(bundle.thumbprint().hex()).key().orElseThrow();

        var error = assertThrows(StoreException.Rejected.class,
                () -> machine.remove(bundle.thumbprint(), thumbprint -> Optional.of("the https binding 0.0.0.0:443")));
        assertTrue(error.getMessage().contains("0.0.0.0:443"), error.getMessage());
        assertEquals(1, machine.list().size());

        machine.remove(bundle.thumbprint(), thumbprint -> Optional.empty());
        assertTrue(machine.list().isEmpty());
        assertEquals(List.of(key), windows.deletedKeys);
    }

    @Test
    void aThumbprintTheStoreReportsWronglyIsNotTrusted() throws Exception {
        var bundle = TestBundles.rsa("mail.example.com");
        var key = new KeyContainer(KeyPlacement.SCHANNEL_CSP, 12, "c", 1, true);
        windows.my.put("X", new StoreEntry(bundle.leaf().getEncoded(), "", Optional.of(key),
                "0000000000000000000000000000000000000000"));

        var error = assertThrows(StoreException.class, () -> store(false, false).list());

        assertTrue(error.getMessage().contains("whose SHA-1 is " + bundle.thumbprint()), error.getMessage());
    }

    @Test
    void capiKeyFileNamesAreDerivedAsDocumented() {
        // Michel Gallant's worked example: "MyCoolContainer" -> 52ab4176...4e0a_<MachineGuid>.
        var key = new KeyContainer(KeyPlacement.SCHANNEL_CSP, 12, "MyCoolContainer", 1, true);
        assertEquals(Optional.of("52ab417621a9d74c73e3e0f1bc374e0a_guid"), KeyFiles.derivedCapiName(key, "guid"));
        assertEquals(Optional.empty(), KeyFiles.derivedCapiName(
                new KeyContainer(KeyPlacement.SOFTWARE_KSP, 0, "MyCoolContainer", 0, true), "guid"));
    }

    /** The CSP-name bag attributes of the PFX's plain (key) safe. */
    private static List<String> cspNames(byte[] pfx) throws Exception {
        var names = new ArrayList<String>();
        for (var info : new PKCS12PfxPdu(pfx).getContentInfos()) {
            if (!info.getContentType().equals(PKCSObjectIdentifiers.data)) {
                continue;
            }
            for (var bag : new PKCS12SafeBagFactory(info).getSafeBags()) {
                for (var attribute : bag.getAttributes()) {
                    if (attribute.getAttrType().equals(Pkcs12Encoder.MICROSOFT_CSP_NAME)) {
                        names.add(DERBMPString.getInstance(attribute.getAttrValues().getObjectAt(0)).getString());
                    }
                }
            }
        }
        return names;
    }
}
