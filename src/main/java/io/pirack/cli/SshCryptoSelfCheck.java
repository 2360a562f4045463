package io.pirack.cli;

import com.hierynomus.sshj.signature.SignatureEdDSA;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.KeyAgreement;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.signature.Signature;
import net.schmizz.sshj.signature.SignatureECDSA;

/**
 * Proves the runtime carries the crypto an SSH session to a Pi needs: the key exchanges OpenSSH on
 * Raspberry Pi OS offers first (curve25519, ECDH P-256) and the host/user key signatures (Ed25519,
 * ECDSA P-256), obtained the way sshj obtains them ({@link SecurityUtils}, BouncyCastle when present).
 */
final class SshCryptoSelfCheck {

    private static final byte[] EXCHANGE_HASH = "pirack selfcheck".getBytes(StandardCharsets.UTF_8);

    /** @return one line per primitive that worked; throws on the first that did not */
    List<String> run() throws GeneralSecurityException {
        List<String> proven = new ArrayList<>();
        proven.add(keyAgreement("curve25519-sha256", "X25519", null));
        proven.add(keyAgreement("ecdh-sha2-nistp256", "EC", new ECGenParameterSpec("secp256r1")));
        proven.add(signature("ssh-ed25519", keyPair("Ed25519", null), new SignatureEdDSA.Factory().create()));
        proven.add(signature("ecdsa-sha2-nistp256", keyPair("EC", new ECGenParameterSpec("secp256r1")),
                new SignatureECDSA.Factory256().create()));
        return proven;
    }

    /** Both sides of a key exchange, as sshj's Curve25519DH / ECDH do it, must derive one secret. */
    private static String keyAgreement(String sshName, String keyAlgorithm, ECGenParameterSpec curve)
            throws GeneralSecurityException {
        KeyPair client = keyPair(keyAlgorithm, curve);
        KeyPair server = keyPair(keyAlgorithm, curve);
        String agreementAlgorithm = "EC".equals(keyAlgorithm) ? "ECDH" : keyAlgorithm;
        byte[] clientSecret = agree(agreementAlgorithm, client, server.getPublic());
        byte[] serverSecret = agree(agreementAlgorithm, server, client.getPublic());
        if (!Arrays.equals(clientSecret, serverSecret)) {
            throw new GeneralSecurityException(sshName + ": the two sides derived different secrets");
        }
        return sshName + " key exchange (" + SecurityUtils.getKeyAgreement(agreementAlgorithm).getProvider().getName() + ")";
    }

    private static byte[] agree(String algorithm, KeyPair own, PublicKey peer) throws GeneralSecurityException {
        KeyAgreement agreement = SecurityUtils.getKeyAgreement(algorithm);
        agreement.init(own.getPrivate());
        agreement.doPhase(peer, true);
        return agreement.generateSecret();
    }

    /** A signature made with sshj's signature class must verify, and must not verify other data. */
    private static String signature(String sshName, KeyPair keys, Signature signature) throws GeneralSecurityException {
        KeyType keyType = KeyType.fromKey(keys.getPublic());
        if (!sshName.equals(keyType.toString())) {
            throw new GeneralSecurityException(sshName + ": sshj reads the generated key as " + keyType);
        }
        signature.initSign(keys.getPrivate());
        signature.update(EXCHANGE_HASH);
        // What an SSH peer sends: the algorithm name and the encoded signature, each length-prefixed.
        byte[] signed = new Buffer.PlainBuffer().putString(sshName)
                .putBytes(signature.encode(signature.sign())).getCompactData();
        if (!verifies(signature, keys.getPublic(), EXCHANGE_HASH, signed)) {
            throw new GeneralSecurityException(sshName + ": a fresh signature does not verify");
        }
        if (verifies(signature, keys.getPublic(), "tampered".getBytes(StandardCharsets.UTF_8), signed)) {
            throw new GeneralSecurityException(sshName + ": a signature verifies over different data");
        }
        return sshName + " signature, key " + SecurityUtils.getFingerprint(keys.getPublic());
    }

    private static boolean verifies(Signature signature, PublicKey key, byte[] data, byte[] signed) {
        signature.initVerify(key);
        signature.update(data);
        return signature.verify(signed);
    }

    private static KeyPair keyPair(String algorithm, ECGenParameterSpec curve) throws GeneralSecurityException {
        KeyPairGenerator generator = SecurityUtils.getKeyPairGenerator(algorithm);
        if (curve != null) {
            generator.initialize(curve);
        }
        return generator.generateKeyPair();
    }
}
