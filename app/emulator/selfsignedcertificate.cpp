// SPDX-License-Identifier: MIT
#include "emulator/selfsignedcertificate.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace allium {

namespace {

template <typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *pointer) const { Free(pointer); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

QString openSslError(const char *step)
{
    const unsigned long code = ERR_get_error();
    char text[256] = {};
    ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return QStringLiteral("%1 failed: %2").arg(QLatin1String(step), QString::fromLatin1(text));
}

QByteArray pemOf(int (*write)(BIO *, const void *), const void *object)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get(), object) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, int(size));
}

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    const ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

} // namespace

SelfSignedCertificate SelfSignedCertificate::generate(QString *errorString)
{
    const auto fail = [errorString](const char *step) {
        if (errorString)
            *errorString = openSslError(step);
        return SelfSignedCertificate();
    };

    // P-256 is generated in milliseconds where RSA 2048 takes noticeably longer at startup.
    const PKeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return fail("EVP_EC_gen");

    const X509Ptr certificate(X509_new());
    if (!certificate)
        return fail("X509_new");
    X509_set_version(certificate.get(), 2); // X.509 v3, needed for extensions

    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return fail("RAND_bytes");
    serial[0] &= 0x7f; // a positive serial number
    BIGNUM *serialNumber = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool serialSet =
        serialNumber && BN_to_ASN1_INTEGER(serialNumber, X509_get_serialNumber(certificate.get()));
    BN_free(serialNumber);
    if (!serialSet)
        return fail("BN_to_ASN1_INTEGER");

    // Backdated an hour so a client whose clock is slightly behind still accepts it.
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60 * 60);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 365L * 24 * 60 * 60);
    if (X509_set_pubkey(certificate.get(), key.get()) != 1)
        return fail("X509_set_pubkey");

    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Allium emulator"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("127.0.0.1"), -1, -1, 0);
    if (X509_set_issuer_name(certificate.get(), name) != 1)
        return fail("X509_set_issuer_name");

    if (!addExtension(certificate.get(), NID_subject_alt_name,
                      "IP:127.0.0.1,IP:::1,DNS:localhost") ||
        !addExtension(certificate.get(), NID_subject_key_identifier, "hash")) {
        return fail("X509V3_EXT_conf_nid");
    }
    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) <= 0)
        return fail("X509_sign");

    const QByteArray certificatePem = pemOf(
        [](BIO *bio, const void *object) {
            return PEM_write_bio_X509(bio, static_cast<X509 *>(const_cast<void *>(object)));
        },
        certificate.get());
    const QByteArray keyPem = pemOf(
        [](BIO *bio, const void *object) {
            return PEM_write_bio_PrivateKey(bio,
                                            static_cast<EVP_PKEY *>(const_cast<void *>(object)),
                                            nullptr, nullptr, 0, nullptr, nullptr);
        },
        key.get());

    SelfSignedCertificate result;
    result.m_certificate = QSslCertificate(certificatePem, QSsl::Pem);
    result.m_privateKey = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (result.isNull() && errorString)
        *errorString = QStringLiteral("Qt could not read the generated certificate or key");
    return result;
}

} // namespace allium
