// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/embeddedserver.h"
#include "emulator/emulatoroptions.h"

#include <QObject>
#include <QSslCertificate>
#include <QUrl>

class QThread;

namespace allium {

class EmulatorServer;

/// An EmulatorServer on a thread of its own, as the GUI and the CLI embed it: a fast topic or a
/// firehose then never competes with the thread that draws or parses. The executables hand it
/// to the app as core's EmbeddedServer.
class EmbeddedEmulator : public QObject, public EmbeddedServer
{
    Q_OBJECT
public:
    explicit EmbeddedEmulator(const EmulatorOptions &options = {}, QObject *parent = nullptr);
    ~EmbeddedEmulator() override;

    /// Starts the server thread and waits until it listens; false with errorString() otherwise.
    bool start() override;
    void stop();
    bool isRunning() const override;
    QString errorString() const override;

    QUrl baseUrl() const override;
    /// The first key of the options: the demo key unless they say otherwise.
    QString apiKey() const override;
    /// The self-signed certificate when it runs with TLS; none otherwise.
    QList<QSslCertificate> trustedCertificates() const override;
    QSslCertificate certificate() const;
    EmulatorOptions options() const { return m_options; }

    /// Faults for connections opened from now on (runs on the server thread).
    void setFaults(const EmulatorFaults &faults);
    /// Aborts every open connection, as a network drop would (runs on the server thread).
    void dropAllConnections();

private:
    template <typename Function>
    void runOnServerThread(Function &&function);

    EmulatorOptions m_options;
    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; // lives on m_thread; owns the server
    EmulatorServer *m_server = nullptr;
    QUrl m_baseUrl;
    QSslCertificate m_certificate;
    QString m_errorString;
};

} // namespace allium
