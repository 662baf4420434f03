package dev.talon.gateway.core.internal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Device proofs signed by the official clients (Node's crypto and the browser's WebCrypto), taken from
 * recorded connects with throwaway keys, verified with the JDK's EdDSA. If the payload format drifted,
 * these would fail.
 */
class OfficialClientVectorsTest {
    @Test
    void theNodeHostsV3SignatureVerifies() {
        var claim = new DeviceProof.Claim(
                "dedb96d84ecb2a442a658b7650711d2c612174c270270919923a9821e9ea1ab8",
                "node-host",
                "node",
                "node",
                List.of(),
                1795253626376L,
                "peer-token-0123456789abcdef",
                "5b58d212-779d-46d2-a45a-30362bae97dc",
                "linux",
                "Linux");
        var v = DeviceProof.verify(
                claim,
                "uyvh9YJDFaB-XluRLcvI2LK_Hs6WU5HIjLFeeMvObOA",
                "ou1ydS56vTP37xaQiYuVhK5UmUkkXsRxfaK6vB5KhfNmq2mPUremieczPpY2bpzd_uiFybrmvtbEx9Bcs-ivAg",
                "5b58d212-779d-46d2-a45a-30362bae97dc",
                1795253626376L);
        assertEquals(3, v.version());
    }

    @Test
    void theControlUisWebCryptoSignatureVerifiesAsV2() {
        var claim = new DeviceProof.Claim(
                "04ee441b460a9cf323ed71a8fdf9afc5a28f3ec9953f7894a54952bc7e79a0f0",
                "openclaw-control-ui",
                "webchat",
                "operator",
                List.of(
                        "operator.admin",
                        "operator.read",
                        "operator.write",
                        "operator.approvals",
                        "operator.questions",
                        "operator.pairing"),
                1795255049256L,
                "peer-token-0123456789abcdef",
                "b5dcdd1e-49c1-4f80-9c7f-f5b6a323bec6",
                "Linux x86_64",
                null);
        var v = DeviceProof.verify(
                claim,
                "0STV1XnofZFNsyJZXB6Nr8LaYWyKJl1eEChLdyEmKC8",
                "BS7OkpYwEslr-qjk0dq57YjgRHJRstg7E6uYng9yscIPMSjS0oS4xiZpBX_-yfc5wy9j8LcOEzm9bKGU_OSwDA",
                "b5dcdd1e-49c1-4f80-9c7f-f5b6a323bec6",
                1795255049256L);
        assertEquals(2, v.version(), "the browser client signs the v2 payload; the server falls back to it");
    }
}
