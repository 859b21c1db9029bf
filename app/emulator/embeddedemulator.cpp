// SPDX-License-Identifier: MIT
#include "emulator/embeddedemulator.h"

#include "emulator/emulatorserver.h"

#include <QThread>

namespace allium {

EmbeddedEmulator::EmbeddedEmulator(const EmulatorOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{}

EmbeddedEmulator::~EmbeddedEmulator()
{
    stop();
}

template <typename Function>
void EmbeddedEmulator::runOnServerThread(Function &&function)
{
    if (!m_context)
        return;
    // Blocking: callers (tests, the GUI's menu) expect the effect to be in place on return.
    QMetaObject::invokeMethod(m_context, std::forward<Function>(function),
                              Qt::BlockingQueuedConnection);
}

bool EmbeddedEmulator::start()
{
    if (m_thread)
        return true;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("allium-emulator"));
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    // The context is deleted on its own thread when the thread finishes.
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();

    bool listening = false;
    runOnServerThread([this, &listening] {
        m_server = new EmulatorServer(m_options, m_context);
        listening = m_server->listen();
        if (listening) {
            m_baseUrl = m_server->baseUrl();
            m_certificate = m_server->certificate();
        } else {
            m_errorString = m_server->errorString();
        }
    });
    if (!listening)
        stop();
    return listening;
}

void EmbeddedEmulator::stop()
{
    if (!m_thread)
        return;
    runOnServerThread([this] {
        if (m_server)
            m_server->close();
        delete m_server;
        m_server = nullptr;
    });
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_context = nullptr;
}

bool EmbeddedEmulator::isRunning() const
{
    return m_thread != nullptr;
}

QString EmbeddedEmulator::errorString() const
{
    return m_errorString;
}

QUrl EmbeddedEmulator::baseUrl() const
{
    return m_baseUrl;
}

QSslCertificate EmbeddedEmulator::certificate() const
{
    return m_certificate;
}

void EmbeddedEmulator::setFaults(const EmulatorFaults &faults)
{
    runOnServerThread([this, faults] {
        if (m_server)
            m_server->setFaults(faults);
    });
}

void EmbeddedEmulator::dropAllConnections()
{
    runOnServerThread([this] {
        if (m_server)
            m_server->dropAllConnections();
    });
}

QString EmbeddedEmulator::apiKey() const
{
    return m_options.keys.value(0);
}

QList<QSslCertificate> EmbeddedEmulator::trustedCertificates() const
{
    if (!m_options.tls || m_certificate.isNull())
        return {};
    return {m_certificate};
}

} // namespace allium
