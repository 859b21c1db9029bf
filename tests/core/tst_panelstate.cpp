// SPDX-License-Identifier: MIT
#include "core/settings/panelstate.h"

#include <QHash>
#include <QStringList>
#include <QTest>

using namespace allium;

namespace {

constexpr quint32 Magic = 0x414c5350; // "ALSP", the stream panel's
constexpr quint32 Version = 1;

} // namespace

class TestPanelState : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void sameBytesAsTheFormerPanels();
    void refusesAnotherPanelOrVersion_data();
    void refusesAnotherPanelOrVersion();
    void refusesATruncatedState();
    void stopsReadingAfterAFailure();
};

// What is written is read back, field by field, with its types.
void TestPanelState::roundTrip()
{
    PanelState out(Magic, Version);
    const QHash<QString, QStringList> columns{
        {QStringLiteral("ethereum.blocks"), {QStringLiteral("number"), QStringLiteral("hash")}}};
    out << QByteArray("splitter") << qint32(5000) << true << QStringLiteral("/api/v1/x") << columns;

    PanelState in(out.data(), Magic, Version);
    QByteArray splitter;
    qint32 capacity = 0;
    bool visible = false;
    QString path;
    QHash<QString, QStringList> readColumns;
    in >> splitter >> capacity >> visible >> path >> readColumns;
    QVERIFY(in.isValid());
    QCOMPARE(splitter, QByteArray("splitter"));
    QCOMPARE(capacity, 5000);
    QCOMPARE(visible, true);
    QCOMPARE(path, QStringLiteral("/api/v1/x"));
    QCOMPARE(readColumns, columns);
}

// States saved before the helper existed (magic, version, fields in QDataStream Qt 6.4) still
// read: the bytes are the same.
void TestPanelState::sameBytesAsTheFormerPanels()
{
    QByteArray former;
    QDataStream stream(&former, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << Magic << qint32(Version) << QByteArray("splitter") << false;

    PanelState out(Magic, Version);
    out << QByteArray("splitter") << false;
    QCOMPARE(out.data(), former);
    QCOMPARE(out.data().left(8), QByteArray::fromHex("414c535000000001"));

    PanelState in(former, Magic, Version);
    QByteArray splitter;
    bool visible = true;
    in >> splitter >> visible;
    QVERIFY(in.isValid());
    QCOMPARE(splitter, QByteArray("splitter"));
    QCOMPARE(visible, false);
}

void TestPanelState::refusesAnotherPanelOrVersion_data()
{
    QTest::addColumn<QByteArray>("state");
    const auto written = [](quint32 magic, quint32 version) {
        PanelState out(magic, version);
        out << QByteArray("splitter");
        return out.data();
    };
    QTest::newRow("another panel") << written(0x414c5442, Version);
    QTest::newRow("a newer version") << written(Magic, Version + 1);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("garbage");
}

// A state of another panel, of another format version, or not a state at all is refused.
void TestPanelState::refusesAnotherPanelOrVersion()
{
    QFETCH(QByteArray, state);
    PanelState in(state, Magic, Version);
    QVERIFY(!in.isValid());
    QByteArray splitter("untouched");
    in >> splitter;
    QVERIFY(!in.isValid());
}

// A state cut short (a damaged settings file) is refused, even with the right header.
void TestPanelState::refusesATruncatedState()
{
    PanelState out(Magic, Version);
    out << QByteArray(100, 'x') << true;
    const QByteArray full = out.data();
    for (const qsizetype size : {qsizetype(9), qsizetype(50), full.size() - 1}) {
        PanelState in(full.left(size), Magic, Version);
        QByteArray splitter;
        bool visible = false;
        in >> splitter >> visible;
        QVERIFY2(!in.isValid(), qPrintable(QString::number(size)));
    }
}

// After a wrong header nothing more is read: the caller's fields keep their defaults.
void TestPanelState::stopsReadingAfterAFailure()
{
    QByteArray other;
    QDataStream stream(&other, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << quint32(0x12345678) << Version << qint32(42);
    PanelState in(other, Magic, Version);
    qint32 value = 7;
    in >> value;
    QCOMPARE(value, 7);
    QVERIFY(!in.isValid());
}

QTEST_GUILESS_MAIN(TestPanelState)
#include "tst_panelstate.moc"
