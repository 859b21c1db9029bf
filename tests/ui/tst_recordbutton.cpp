// SPDX-License-Identifier: MIT
#include "core/record/recordingreader.h"
#include "core/record/streamrecorder.h"
#include "core/stream/streamsession.h"
#include "emulator/emulatoroptions.h"
#include "emulator/emulatorserver.h"
#include "support/fastconnectionoptions.h"
#include "support/filesizelimit.h"
#include "ui/record/recordingcontrolwidget.h"
#include "ui/stream/streampanel.h"
#include "uitestsupport.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace allium;

// The record button of a stream panel, against the emulator: what the session received is
// recorded byte-exact; size and duration show while it runs; a write error stops the recording
// with a message, never the stream.
class TestRecordButton : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    // Record, stop, read back: every message byte-exact, in order, with its receive time.
    void recordsWhatTheSessionReceived();
    // A full disk (the file size limit) stops the recording with a clear message; the stream
    // goes on.
    void writeErrorStopsTheRecordingNotTheStream();
    // The name offered: topic and local time.
    void suggestedName();

private:
    struct Setup
    {
        StreamSession session;
        StreamPanel panel{&session};
        QVector<StreamMessage> received;
    };
    std::unique_ptr<Setup> streaming(const QString &topic);

    static EmulatorOptions emulatorOptions()
    {
        EmulatorOptions options;
        options.rate = 400;
        return options;
    }

    EmulatorServer m_server{emulatorOptions()};
    QTemporaryDir m_dir;
};

void TestRecordButton::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.listen());
}

std::unique_ptr<TestRecordButton::Setup> TestRecordButton::streaming(const QString &topic)
{
    auto setup = std::make_unique<Setup>();
    Setup *s = setup.get();
    connect(&s->session, &StreamSession::messagesReceived, &s->session,
            [s](const MessageBatch &batch) { s->received += batch.messages; });
    s->panel.resize(1100, 700);
    s->panel.show();
    s->panel.setConnection(m_server.baseUrl(), EmulatorDemoKey, fastConnectionOptions());
    s->panel.setTopic(topic);
    s->panel.start();
    return setup;
}

void TestRecordButton::recordsWhatTheSessionReceived()
{
    auto setup = streaming(QStringLiteral("ethereum.logs"));
    QTRY_VERIFY_WITH_TIMEOUT(setup->received.size() >= 5, 10000);
    RecordingControlWidget *control = setup->panel.recordingControl();
    auto *button = control->findChild<QToolButton *>(QStringLiteral("recordButton"));
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("● Record"));
    const QString path = m_dir.filePath(QStringLiteral("logs.jsonl"));
    QString offered;
    control->setPathChooser([&](const QString &suggested) {
        offered = suggested;
        return path;
    });
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(control->isRecording());
    QVERIFY2(offered.contains(QLatin1String("ethereum.logs-")), qPrintable(offered));
    QCOMPARE(button->text(), QStringLiteral("■"));
    QTRY_VERIFY(control->statusText().startsWith(QStringLiteral("● REC ")));
    QTRY_VERIFY_WITH_TIMEOUT(control->recorder()->stats().messages >= 100, 10000);
    QTRY_VERIFY(control->statusText().contains(QStringLiteral(" · 0:0")));
    QVERIFY(
        control->findChild<QLabel *>(QStringLiteral("recordingStatus"))->toolTip().contains(path));
    uitest::saveScreenshot(&setup->panel, QStringLiteral("record-button"));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!control->isRecording());
    QCOMPARE(button->text(), QStringLiteral("● Record"));
    QVERIFY(control->statusText().isEmpty());
    QVERIFY(setup->session.isRunning()); // the stream goes on

    RecordingReader reader;
    QVERIFY2(reader.open(path), qPrintable(reader.errorString()));
    QCOMPARE(reader.header().topic, QStringLiteral("ethereum.logs"));
    RecordedMessage message;
    QVERIFY(reader.readNext(&message));
    // The recording starts with some batch the session received, and holds every message from
    // there on, as received.
    qsizetype at = -1;
    for (qsizetype i = 0; i < setup->received.size(); ++i) {
        if (setup->received.at(i).receivedAtUs == message.timeUs &&
            setup->received.at(i).json == message.json) {
            at = i;
            break;
        }
    }
    QVERIFY(at >= 0);
    qint64 count = 0;
    do {
        QVERIFY(at + count < setup->received.size());
        const StreamMessage &live = setup->received.at(at + count);
        QCOMPARE(message.json, live.json);
        QCOMPARE(message.timeUs, live.receivedAtUs);
        ++count;
    } while (reader.readNext(&message));
    QVERIFY(reader.problem().isNull());
    QVERIFY(count >= 100);
    QCOMPARE(count, control->recorder()->stats().messages);
}

void TestRecordButton::writeErrorStopsTheRecordingNotTheStream()
{
    auto setup = streaming(QStringLiteral("ethereum.transactions"));
    QTRY_VERIFY_WITH_TIMEOUT(setup->received.size() >= 5, 10000);
    // A full disk, as the file size limit makes it (see FileSizeLimit).
    testing::FileSizeLimit limit(32 * 1024);
    QVERIFY(limit.isActive());

    RecordingControlWidget *control = setup->panel.recordingControl();
    const QString path = m_dir.filePath(QStringLiteral("full.jsonl"));
    control->setPathChooser([&](const QString &) { return path; });
    QSignalSpy failed(control, &RecordingControlWidget::recordingFailed);
    QTest::mouseClick(control->findChild<QToolButton *>(QStringLiteral("recordButton")),
                      Qt::LeftButton);
    QVERIFY(control->isRecording());
    QVERIFY(failed.wait(15000));
    QTRY_VERIFY(!control->isRecording());
    const QString message = setup->panel.messageText();
    QVERIFY2(message.contains(QLatin1String("File too large")), qPrintable(message));
    QVERIFY(message.contains(path));
    QCOMPARE(control->findChild<QToolButton *>(QStringLiteral("recordButton"))->text(),
             QStringLiteral("● Record"));
    // The stream is untouched: still running, still receiving.
    QVERIFY(setup->session.isRunning());
    QCOMPARE(setup->session.state(), ConnectionState::Connected);
    const qsizetype before = setup->received.size();
    QTRY_VERIFY(setup->received.size() > before + 10);
}

void TestRecordButton::suggestedName()
{
    const QDateTime time(QDate(2026, 12, 1), QTime(13, 45, 2));
    QCOMPARE(RecordingControlWidget::suggestedFileName(QStringLiteral("ethereum.blocks"), time),
             QStringLiteral("ethereum.blocks-20261201-134502.jsonl"));
    QCOMPARE(RecordingControlWidget::suggestedFileName(QStringLiteral("a/b c"), time),
             QStringLiteral("a-b-c-20261201-134502.jsonl"));
    QCOMPARE(RecordingControlWidget::suggestedFileName({}, time),
             QStringLiteral("stream-20261201-134502.jsonl"));
}

QTEST_MAIN(TestRecordButton)
#include "tst_recordbutton.moc"
