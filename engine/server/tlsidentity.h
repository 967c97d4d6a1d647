#pragma once

#include <core/error.h>

#include <QSslCertificate>
#include <QSslKey>

namespace Kura::Server {

// The server's TLS key and self-signed certificate (agents pin its SHA-256 fingerprint from
// their package, so no certificate authority is involved).
struct TlsIdentity
{
    QSslCertificate certificate;
    QSslKey key;
    QByteArray fingerprint() const { return certificate.digest(QCryptographicHash::Sha256); }
};

// Loads "<folder>/server.key" and "<folder>/server.crt", creating them on first start: an
// EC P-256 key (owner-only file) and a certificate valid for 10 years naming `hostNames`
// (DNS names or IP addresses) as subject alternative names. Files are written temp ->
// fsync -> rename. Corrupt when existing files cannot be read as a key and certificate.
Result<TlsIdentity> loadOrCreateTlsIdentity(const QString &folder, const QStringList &hostNames);

} // namespace Kura::Server
