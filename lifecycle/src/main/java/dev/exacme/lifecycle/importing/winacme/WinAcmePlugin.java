package dev.exacme.lifecycle.importing.winacme;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The plugins of win-acme 2.x and simple-acme by the {@code Plugin} GUID their options carry in
 * a renewal file (the {@code IPlugin.Plugin} attributes of both code bases), with the name
 * win-acme shows for them, so that a refusal can say what the renewal used. Both tools share
 * the GUIDs; plugins only one of them has are marked in their names.
 */
enum WinAcmePlugin {
    // Sources ("target plugins" in the files).
    SOURCE_MANUAL(Step.SOURCE, "e239db3b-b42f-48aa-b64f-46d4f3e9941b", "manual host names"),
    SOURCE_IIS(Step.SOURCE, "54deb3ee-b5df-4381-8485-fe386054055b", "IIS bindings"),
    SOURCE_IIS_BINDING(Step.SOURCE, "2f5dd428-0f5d-4c8a-8fd0-56fc1b5985ce", "IIS binding (2.0)"),
    SOURCE_IIS_SITE(Step.SOURCE, "d7940b23-f570-460e-ab15-2c822a79009b", "IIS site (2.0)"),
    SOURCE_IIS_SITES(Step.SOURCE, "cdd79a68-4a87-4039-bee8-5a0ebdca41cb", "IIS sites (2.0)"),
    SOURCE_CSR(Step.SOURCE, "5c3db0fb-840b-469f-b5a7-0635d8e9a93d", "CSR created by another program"),

    // Validation.
    HTTP_SELF_HOSTING(Step.VALIDATION, "c7d5e050-9363-4ba1-b3a8-931b31c618b7", "HTTP self-hosting"),
    HTTP_FILE_SYSTEM(Step.VALIDATION, "1c77b3a4-5310-4c46-92c6-00d866e84d6b", "HTTP file system"),
    HTTP_FTP(Step.VALIDATION, "bc27d719-dcf2-41ff-bf08-54db7ea49c48", "HTTP upload by FTP(S)"),
    HTTP_SFTP(Step.VALIDATION, "048aa2e7-2bce-4d3e-b731-6e0ed8b8170d", "HTTP upload by SFTP"),
    HTTP_WEBDAV(Step.VALIDATION, "7e191d0e-30d1-47b3-ae2e-442499d33e16", "HTTP upload by WebDAV"),
    HTTP_REST(Step.VALIDATION, "11ba2994-ea59-4f2f-b9eb-0eaa2fa3cbfa", "HTTP upload by REST request"),
    TLS_SELF_HOSTING(Step.VALIDATION, "a1565064-b208-4467-8ca1-1bd3c08aa500", "TLS-ALPN self-hosting"),
    MANUAL_VALIDATION(Step.VALIDATION, "e45d62b9-f9a8-441e-b95f-c5ee0dcd8040", "manual validation"),
    SCRIPT_VALIDATION(Step.VALIDATION, "8f1da72e-f727-49f0-8546-ef69e5ecec32", "validation script"),
    NO_VALIDATION(Step.VALIDATION, "a37b41dc-b45a-42fe-8d81-82ca409a5491", "no validation (simple-acme)"),
    DNS_ACME_DNS(Step.VALIDATION, "c13acc1b-7571-432b-9652-7a68a5f506c5", "acme-dns"),
    DNS_AZURE(Step.VALIDATION, "aa57b028-45fb-4aca-9cac-a63d94c76b4a", "Azure DNS"),
    DNS_CLOUDFLARE(Step.VALIDATION, "73af2c2e-4cf1-4198-a4c8-1129003cfb75", "Cloudflare DNS"),
    DNS_ROUTE53(Step.VALIDATION, "4e5dc595-45c7-4461-929a-8f96a0c96b3d", "Route 53 DNS"),
    DNS_RFC2136(Step.VALIDATION, "ed5dc9d1-739c-4f6a-854f-238bf65b63ee", "RFC 2136 dynamic update"),
    DNS_ALIYUN(Step.VALIDATION, "1d4db2ea-ce7c-46ce-b86f-40b356fcf999", "Aliyun DNS"),
    DNS_ARSYS(Step.VALIDATION, "2472d0c3-d3de-4bbc-806d-f36786ae94ed", "Arsys DNS (simple-acme)"),
    DNS_BUNNY(Step.VALIDATION, "86feb060-ac79-49d0-85c3-ef55687c2660", "Bunny.net DNS (simple-acme)"),
    DNS_GOOGLE(Step.VALIDATION, "b61505e9-1709-43fd-996f-c74c3686286c", "Google Cloud DNS"),
    DNS_CZECHIA(Step.VALIDATION, "837692a9-25bc-4adc-908e-dc3316f11e32", "Czechia DNS (simple-acme)"),
    DNS_DIGITALOCEAN(Step.VALIDATION, "1a87d670-3fa3-4a2a-bb10-491d48feb5db", "DigitalOcean DNS"),
    DNS_DNSMADEEASY(Step.VALIDATION, "13993334-2d74-4ff6-801b-833b99bf231d", "DNS Made Easy"),
    DNS_DNSEXIT(Step.VALIDATION, "c9017182-1000-4257-a8da-0553cd1490ec", "DNSExit"),
    DNS_DOMENESHOP(Step.VALIDATION, "0bd9b320-08e0-4bfe-a535-b979886187e4", "Domeneshop DNS"),
    DNS_DREAMHOST(Step.VALIDATION, "2bfb3ef8-64b8-47f1-8185-ea427b793c1a", "DreamHost DNS"),
    DNS_GODADDY(Step.VALIDATION, "966c4c3d-1572-44c7-9134-5e2bc8fa021d", "GoDaddy DNS"),
    DNS_HETZNER(Step.VALIDATION, "7176cc8f-ba08-4b07-aa39-2f5d012c1d5a", "Hetzner DNS"),
    DNS_HUAWEI(Step.VALIDATION, "ec5a5198-7224-447e-aac5-99c2ccda78a1", "HuaWeiCloud DNS (simple-acme)"),
    DNS_INFOMANIAK(Step.VALIDATION, "d1401d1e-b925-407d-a38b-924d67b2d1b5", "Infomaniak DNS"),
    DNS_IPPROJECTS(Step.VALIDATION, "6370923c-7840-4e8c-b003-a3b514312e5a", "ip-projects.de DNS (simple-acme)"),
    DNS_LEVEL27(Step.VALIDATION, "55891a42-ca55-4085-b107-b6a0c4f6f30b", "Level27 DNS (simple-acme)"),
    DNS_LINODE(Step.VALIDATION, "12fdc54c-be30-4458-8066-2c1c565fe2d9", "Linode DNS"),
    DNS_LUADNS(Step.VALIDATION, "3b0c3cca-db98-40b7-b678-b34791070d42", "LuaDNS"),
    DNS_NS1(Step.VALIDATION, "c66cc8be-3046-46c2-a0ba-ec4ec3e7fe96", "NS1 DNS"),
    DNS_REFERENCE(Step.VALIDATION, "554b02ba-9e8e-4fcc-9132-d03c5778e227", "Reference DNS (simple-acme)"),
    DNS_SIMPLY(Step.VALIDATION, "3693c40c-7c2f-4b70-aead-27869d8cbdf3", "Simply.com DNS"),
    DNS_TENCENT(Step.VALIDATION, "6ea628c3-0f74-68bb-cf17-4fdd3d53f3af", "Tencent DNS"),
    DNS_TRANSIP(Step.VALIDATION, "c49a7a9a-f8c9-494a-a6a4-c6b9daae7d9d", "TransIP DNS"),
    DNS_WEBNAMES(Step.VALIDATION, "86c8d86b-2069-4048-9bf1-fadb07e84d61", "Webnames.ca DNS (simple-acme)"),

    // Key and CSR.
    CSR_RSA(Step.CSR, "b9060d4b-c2d3-49ac-b37f-962e7c3cbe9d", "RSA key"),
    CSR_EC(Step.CSR, "9aadcf71-5241-4c4f-aee1-bfe3f6be3489", "EC key"),

    // Orders.
    ORDER_SINGLE(Step.ORDER, "b705fa7c-1152-4436-8913-e433d7f84c82", "single certificate"),
    ORDER_DOMAIN(Step.ORDER, "b7c331d4-d875-453e-b83a-2b537ca12535", "a certificate per registrable domain"),
    ORDER_HOST(Step.ORDER, "874a86e4-29c7-4294-9ab6-6908866847a0", "a certificate per host"),
    ORDER_SITE(Step.ORDER, "74a42b2d-8eaa-4f40-ab6a-f55304254143", "a certificate per IIS site"),

    // Stores.
    STORE_CERTIFICATE_STORE(Step.STORE, "e30adc8e-d756-4e16-a6f2-450f784b1a97", "Windows certificate store"),
    STORE_PEM_FILES(Step.STORE, "e57c70e4-cd60-4ba6-80f6-a41703e21031", "PEM files"),
    STORE_PFX_FILE(Step.STORE, "2a2c576f-7637-4ade-b8db-e8613b0bb33e", "PFX file"),
    STORE_CENTRAL_SSL(Step.STORE, "af1f77b6-4e7b-4f96-bba5-c2eeb4d0dd42", "IIS Central Certificate Store"),
    STORE_USER_STORE(Step.STORE, "95ee94e7-c8e2-40e6-a26f-c9fc3afa9fa5", "current user's certificate store"),
    STORE_KEY_VAULT(Step.STORE, "dbfa91e2-28c0-4b37-857c-df6575dbb388", "Azure Key Vault"),
    STORE_P7B_FILE(Step.STORE, "221310a3-14d8-4478-a0f1-3c6d90f2ea51", "P7B file (simple-acme)"),
    STORE_NONE(Step.STORE, "cfdd7caa-ba34-4e9e-b9de-2a3d64c4f4ec", "no store"),

    // Installation.
    INSTALL_IIS(Step.INSTALLATION, "ea6a5be3-f8de-4d27-a6bd-750b619b2ee2", "IIS web bindings"),
    INSTALL_IIS_FTP(Step.INSTALLATION, "13058a79-5084-48af-b047-634e0ee222f4", "IIS FTP bindings"),
    INSTALL_SCRIPT(Step.INSTALLATION, "3bb22c70-358d-4251-86bd-11858363d913", "script"),
    INSTALL_NONE(Step.INSTALLATION, "aecc502c-5f75-43d2-b578-f95d50c79ea1", "no installation");

    /** The step of a renewal a plugin belongs to, as the renewal file groups them. */
    enum Step {
        SOURCE, VALIDATION, CSR, ORDER, STORE, INSTALLATION
    }

    private final Step step;
    private final String guid;
    private final String description;

    WinAcmePlugin(Step step, String guid, String description) {
        this.step = step;
        this.guid = guid;
        this.description = description;
    }

    /** What win-acme calls it, for messages. */
    String description() {
        return description;
    }

    /** Whether it is a DNS provider plugin (which exacme may or may not have). */
    boolean dnsProvider() {
        return name().startsWith("DNS_");
    }

    /**
     * The plugin of this step with that GUID. The step matters: the GUID alone is unique, but a
     * store GUID in the validation options is a damaged file, not a store.
     */
    static Optional<WinAcmePlugin> of(Step step, String guid) {
        if (guid == null) {
            return Optional.empty();
        }
        var wanted = guid.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(plugin -> plugin.step == step && plugin.guid.equals(wanted)).findFirst();
    }
}
