package io.github.imagehygiene.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.vulnerability.download.HttpProxy;

/** The proxy of the environment, in the form curl documents: HTTPS_PROXY first, NO_PROXY's domains with a dot. */
class ProxyEnvTest {

    @Test
    void httpsProxyWinsAndNoProxyBecomesMavensSyntax() {
        HttpProxy p = Main.proxy(Map.of("HTTPS_PROXY", "http://alice:s3cret@proxy.example.com:3128",
                "http_proxy", "http://other:8080", "NO_PROXY", "localhost, .internal.example.com,10.0.0.1"));
        assertThat(p.host()).isEqualTo("proxy.example.com");
        assertThat(p.port()).isEqualTo(3128);
        assertThat(p.username()).isEqualTo("alice");
        assertThat(p.password()).isEqualTo("s3cret");
        assertThat(p.bypasses("localhost")).isTrue();
        assertThat(p.bypasses("repo.internal.example.com")).isTrue();
        assertThat(p.bypasses("osv-vulnerabilities.storage.googleapis.com")).isFalse();
        assertThat(p.toString()).doesNotContain("s3cret");
    }

    @Test
    void noProxyVariableNoProxy() {
        assertThat(Main.proxy(Map.of("PATH", "/usr/bin"))).isNull();
        HttpProxy bare = Main.proxy(Map.of("http_proxy", "proxy:8080"));
        assertThat(bare.host()).isEqualTo("proxy");
        assertThat(bare.port()).isEqualTo(8080);
    }
}
