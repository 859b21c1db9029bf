// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace allium {

/// A server running inside this process that the app falls back to when there is nothing else
/// to connect to (no key yet): the built-in emulator. The executables create it and hand it in,
/// so that the widgets and the connection logic never depend on the emulator itself.
class EmbeddedServer
{
public:
    virtual ~EmbeddedServer() = default;

    /// Starts it unless it runs already; false with errorString() set.
    virtual bool start() = 0;
    virtual bool isRunning() const = 0;
    virtual QString errorString() const = 0;
    /// ws://127.0.0.1:PORT (or wss:// with a self-signed certificate) once it runs.
    virtual QUrl baseUrl() const = 0;
    /// The key it accepts.
    virtual QString apiKey() const = 0;
    /// Certificates to trust for it in addition to the system's (its self-signed one).
    virtual QList<QSslCertificate> trustedCertificates() const = 0;

protected:
    EmbeddedServer() = default;
    EmbeddedServer(const EmbeddedServer &) = default;
    EmbeddedServer &operator=(const EmbeddedServer &) = default;
};

} // namespace allium
