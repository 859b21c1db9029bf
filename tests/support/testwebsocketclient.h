// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatoroptions.h"

#include <QAbstractSocket>
#include <QEventLoop>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

#include <functional>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace allium {

/// A real QWebSocket client for tests: sends X-API-KEY, records every frame, the close code and
/// errors, and waits for them with the event loop running (never sleeps).
class TestWebSocketClient : public QObject
{
    Q_OBJECT
public:
    explicit TestWebSocketClient(QObject *parent = nullptr);
    ~TestWebSocketClient() override;

    /// Starts the handshake. An empty key sends no X-API-KEY header; `trusted` is added to the
    /// CA list for wss://.
    void open(const QUrl &url, const QString &apiKey,
              const QSslCertificate &trusted = QSslCertificate());
    /// open() with the demo key (or `apiKey`), then waitConnected().
    bool connectTo(const QUrl &url, const QString &apiKey = EmulatorDemoKey,
                   const QSslCertificate &trusted = QSslCertificate());
    bool waitConnected(int timeoutMs = 5000);
    bool waitDisconnected(int timeoutMs = 5000);
    /// Waits until at least `count` text frames have arrived in total.
    bool waitForMessages(int count, int timeoutMs = 5000);
    /// Waits until at least `count` pongs have arrived in total.
    bool waitForPongs(int count, int timeoutMs = 5000);
    /// Sends `text`, then waits for the next frame after it that is an error frame
    /// (`{"status":"error",…}`) and returns its data; empty on timeout.
    QString sendAndWaitForError(const QString &text, int timeoutMs = 5000);

    void sendText(const QString &text);
    void sendJson(const QJsonObject &object);

    QWebSocket *socket() const { return m_socket; }
    bool isConnected() const;
    const QStringList &messages() const { return m_messages; }
    /// Messages that parse as JSON objects (skips error frames when `withoutErrors`).
    QList<QJsonObject> jsonMessages(bool withoutErrors = true) const;
    static bool isErrorFrame(const QString &text);

    bool wasConnected() const { return m_wasConnected; }
    bool disconnected() const { return m_disconnected; }
    int closeCode() const { return m_closeCode; }
    QList<QAbstractSocket::SocketError> errors() const { return m_errors; }
    QString lastErrorString() const { return m_lastErrorString; }
    int pongs() const { return m_pongs; }

private:
    /// Runs an event loop until `done` holds (checked after every socket event) or the timeout.
    /// Unlike QTest::qWaitFor, which sleeps 10 ms between rounds, this keeps up with a firehose.
    bool waitUntil(const std::function<bool()> &done, int timeoutMs);
    void checkWait();

    QWebSocket *m_socket;
    QEventLoop *m_loop = nullptr;
    std::function<bool()> m_done;
    QStringList m_messages;
    bool m_wasConnected = false;
    bool m_disconnected = false;
    int m_closeCode = -1;
    QList<QAbstractSocket::SocketError> m_errors;
    QString m_lastErrorString;
    int m_pongs = 0;
};

} // namespace allium
