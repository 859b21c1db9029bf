// SPDX-License-Identifier: MIT
#include "core/record/recordingreader.h"
#include "core/record/streamrecorder.h"
#include "support/streamfixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace allium;

// StreamRecorder: what a live StreamSession delivers (the GUI's path) is recorded byte-exact,
// with the receive times the session gave each message.
class TestStreamRecorder : public QObject
{
    Q_OBJECT
private slots:
    void recordsTheSessionByteExact_data();
    void recordsTheSessionByteExact();
    // A file that cannot be created: start() says why and nothing is recorded.
    void unwritableFileIsRefused();
};

void TestStreamRecorder::recordsTheSessionByteExact_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << QStringLiteral("session.jsonl");
    QTest::newRow("zstd") << QStringLiteral("session.jsonl.zst");
}

void TestStreamRecorder::recordsTheSessionByteExact()
{
    QFETCH(QString, name);
    EmulatorOptions options;
    options.rate = 300;
    StreamFixture stream(options);
    QVERIFY(stream.listen(QStringLiteral("ethereum.logs")));
    QTemporaryDir dir;
    StreamRecorder recorder(&stream.session);
    QSignalSpy recording(&recorder, &StreamRecorder::recordingChanged);
    QVERIFY2(recorder.start(dir.filePath(name), QStringLiteral("Test profile")),
             qPrintable(recorder.errorString()));
    QVERIFY(recorder.isRecording());
    QCOMPARE(recording.size(), 1);
    QVERIFY(stream.openAndWait());
    stream.session.start();
    QTRY_VERIFY_WITH_TIMEOUT(stream.messages.size() >= 60, 10000);
    recorder.stop();
    QVERIFY(!recorder.isRecording());
    QCOMPARE(recording.size(), 2);
    const RecordingStats stats = recorder.stats();
    QVERIFY(stats.messages >= 60);
    QCOMPARE(stats.drops, 0);

    RecordingReader reader;
    QVERIFY(reader.open(dir.filePath(name)));
    QCOMPARE(reader.header().topic, QStringLiteral("ethereum.logs"));
    QCOMPARE(reader.header().profile, QStringLiteral("Test profile"));
    QCOMPARE(reader.header().host, QStringLiteral("127.0.0.1:%1").arg(stream.server.port()));
    RecordedMessage message;
    qint64 count = 0;
    while (reader.readNext(&message)) {
        QVERIFY(count < stream.messages.size());
        const StreamMessage &live = stream.messages.at(count);
        QCOMPARE(message.json, live.json);
        QCOMPARE(message.timeUs, live.receivedAtUs);
        QCOMPARE(message.timeUs / 1000, live.receivedAtMs);
        ++count;
    }
    QVERIFY(reader.problem().isNull());
    QCOMPARE(count, stats.messages);
}

void TestStreamRecorder::unwritableFileIsRefused()
{
    StreamSession session;
    StreamRecorder recorder(&session);
    QTemporaryDir dir;
    QVERIFY(!recorder.start(dir.filePath(QStringLiteral("missing/dir/x.jsonl"))));
    QVERIFY2(recorder.errorString().startsWith(QLatin1String("cannot create")),
             qPrintable(recorder.errorString()));
    QVERIFY(!recorder.isRecording());
}

QTEST_GUILESS_MAIN(TestStreamRecorder)
#include "tst_streamrecorder.moc"
