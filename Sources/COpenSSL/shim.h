#ifndef ICEPROBE_COPENSSL_SHIM_H
#define ICEPROBE_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/rand.h>

/* SSL_set_tlsext_host_name is a macro around SSL_ctrl; Swift cannot import it. */
static inline long cossl_set_sni(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}
/* SSL_CTX_set_min_proto_version is a macro too. */
static inline long cossl_ctx_set_min_tls12(SSL_CTX *ctx) {
    return SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
}
/* The server's leaf certificate as received (borrowed, do not free), also when verification
   failed: sk_X509_value is a macro-generated inline. NULL when none arrived. */
static inline X509 *cossl_peer_leaf(const SSL *ssl) {
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
    if (chain == NULL || sk_X509_num(chain) < 1) return NULL;
    return sk_X509_value(chain, 0);
}
#endif
