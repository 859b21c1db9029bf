// SPDX-License-Identifier: MIT
#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace allium {

/// A certificate and private key made at startup for wss:// on the loopback interface:
/// EC P-256, CN=127.0.0.1, subjectAltName IP:127.0.0.1, IP:::1 and DNS:localhost, valid for a
/// year. Clients trust it explicitly (it is its own issuer).
class SelfSignedCertificate
{
public:
    /// A fresh certificate; isNull() with `errorString` set when OpenSSL fails.
    static SelfSignedCertificate generate(QString *errorString = nullptr);

    bool isNull() const { return m_certificate.isNull() || m_privateKey.isNull(); }
    QSslCertificate certificate() const { return m_certificate; }
    QSslKey privateKey() const { return m_privateKey; }

private:
    QSslCertificate m_certificate;
    QSslKey m_privateKey;
};

} // namespace allium
