#include "tlsidentity.h"

#include <store/fs/posixfilesystem.h>

#include <QDir>
#include <QFile>
#include <QHostAddress>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace Kura::Server {
namespace {

template<class T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(size));
}

Status writeOwnerOnly(const QString &path, const QByteArray &bytes)
{
    return Fs::PosixFileSystem().writeAtomically(QFile::encodeName(path), bytes, 0600);
}

Result<std::pair<QByteArray, QByteArray>> generate(const QStringList &hostNames)
{
    PKey key(EVP_EC_gen("P-256"));
    if (!key)
        return fail(ErrorCode::Internal, u"cannot generate the server's TLS key"_s);
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), long(QDateTime::currentSecsSinceEpoch()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray commonName = (hostNames.isEmpty() ? u"kura-server"_s : hostNames.first()).toUtf8();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("Kura"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    QStringList alternatives;
    for (const QString &host : hostNames)
        alternatives << (QHostAddress(host).isNull() ? u"DNS:"_s : u"IP:"_s) + host;
    if (!alternatives.isEmpty()) {
        const QByteArray san = alternatives.join(u',').toUtf8();
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
        X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.constData());
        if (!ext)
            return fail(ErrorCode::InvalidArgument, u"host names not usable in a certificate: %1"_s.arg(QString::fromUtf8(san)));
        X509_add_ext(cert.get(), ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        return fail(ErrorCode::Internal, u"cannot sign the server's TLS certificate"_s);
    Bio keyBio(BIO_new(BIO_s_mem())), certBio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
        || !PEM_write_bio_X509(certBio.get(), cert.get()))
        return fail(ErrorCode::Internal, u"cannot encode the server's TLS key or certificate"_s);
    return std::make_pair(bioBytes(keyBio.get()), bioBytes(certBio.get()));
}

} // namespace

Result<TlsIdentity> loadOrCreateTlsIdentity(const QString &folder, const QStringList &hostNames)
{
    const QString keyPath = folder + u"/server.key"_s;
    const QString certPath = folder + u"/server.crt"_s;
    if (!QFile::exists(keyPath) || !QFile::exists(certPath)) {
        if (!QDir().mkpath(folder))
            return fail(ErrorCode::Io, u"cannot create \"%1\""_s.arg(folder));
        auto made = generate(hostNames);
        if (!made)
            return fail(made.error());
        // The key first: a certificate without its key is useless, a key without a
        // certificate is simply replaced at the next start.
        KURA_TRY(writeOwnerOnly(keyPath, made->first));
        KURA_TRY(writeOwnerOnly(certPath, made->second));
    }
    QFile keyFile(keyPath), certFile(certPath);
    if (!keyFile.open(QIODevice::ReadOnly) || !certFile.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, u"cannot read the server's TLS files in \"%1\""_s.arg(folder));
    TlsIdentity identity;
    identity.key = QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
    const auto certs = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (identity.key.isNull() || certs.isEmpty())
        return fail(ErrorCode::Corrupt, u"\"%1\" and \"%2\" are not a usable key and certificate"_s.arg(keyPath, certPath));
    identity.certificate = certs.first();
    return identity;
}

} // namespace Kura::Server
