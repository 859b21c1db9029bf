// SPDX-License-Identifier: MIT
#include "core/connection/connectioneventlog.h"
#include "core/stream/streamsession.h"
#include "monitor/monitorcomposition.h"
#include "support/hostileserver.h"
#include "ui/mainwindow.h"
#include "ui/stream/streampanel.h"
#include "uitestsupport.h"

#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace allium;

// The whole window against a server that floods error frames: one line in the message bar
// counts them (plain text, markup shown as typed), the event log grows by a few entries, and
// the stream stays usable.
class TestHostileStream : public QObject
{
    Q_OBJECT
private slots:
    void errorFloodIsOneCountingLine();
};

void TestHostileStream::errorFloodIsOneCountingLine()
{
    QStandardPaths::setTestModeEnabled(true);
    constexpr int total = 20000;
    const QString markup = QStringLiteral("<img src=\"/dev/zero\"><b>boom</b>");
    HostileServer server;
    server.setScriptPath(QByteArrayLiteral("/ws/stream"));
    server.setFlood(HostileServer::textFrame(R"({"status":"error","data":")" +
                                             markup.toUtf8().replace('"', "\\\"") + "\"}"),
                    total);
    QVERIFY(server.listen());

    QTemporaryDir dir;
    MonitorOptions options = uitest::isolatedMonitorOptions(dir);
    options.window.baseUrl = server.baseUrl();
    options.window.apiKey = QStringLiteral("k");
    options.window.topic = QStringLiteral("ethereum.blocks");
    options.window.start = true;
    MonitorComposition monitor(options);
    MainWindow &window = *monitor.window();
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.startUp());

    StreamPanel *panel = window.streamPanel();
    QTRY_COMPARE_WITH_TIMEOUT(panel->session()->stats().serverErrors, quint64(total), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->messageText().contains(QStringLiteral("answered with %1 errors").arg(total)), 10000);
    QVERIFY(panel->messageText().endsWith(markup));
    auto *label = panel->findChild<QLabel *>(QStringLiteral("messageBarText"));
    QVERIFY(label);
    QCOMPARE(label->textFormat(), Qt::PlainText);
    // Reported per batch, not per frame.
    QVERIFY2(window.eventLog()->eventCount() < total / 10,
             qPrintable(QString::number(window.eventLog()->eventCount())));
}

QTEST_MAIN(TestHostileStream)
#include "tst_hostilestream.moc"
