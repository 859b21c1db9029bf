// SPDX-License-Identifier: MIT
#include "core/filter/filter.h"
#include "emulator/messagewriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <limits>

using namespace allium;

namespace {

// One message with every kind of value, nested objects and arrays, keys in ascending order.
void writeSample(MessageWriter &w, const QString &text, double number)
{
    w.beginObject();
    w.key("a_null").null();
    w.key("b_bool").boolean(true);
    w.key("c_int").integer(-9007199254740993LL);
    w.key("d_number").number(number);
    w.key("e_list").beginArray().integer(1).string(QLatin1String("two"));
    w.beginObject().key("x").boolean(false).endObject();
    w.beginArray().endArray().endArray();
    w.key("f_nested").beginObject();
    w.key("deep").beginObject().key("leaf").string(text).key("other").integer(7).endObject();
    w.key("g").stringOrNull(QString());
    w.key("h").stringOrNull(QStringLiteral("set"));
    w.endObject();
    w.key("z_text").string(text);
    w.endObject();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

/// MessageWriter: compact JSON text identical to QJsonDocument's, and the object it describes,
/// whole or only the members asked for.
class TestMessageWriter : public QObject
{
    Q_OBJECT
private slots:
    void textIsQJsonDocumentsCompactForm_data();
    void textIsQJsonDocumentsCompactForm();
    void noObjectUnlessAsked();
    void selectedPathsBuildOnlyThoseMembers_data();
    void selectedPathsBuildOnlyThoseMembers();
    void bufferIsReusedAcrossMessages();
};

void TestMessageWriter::textIsQJsonDocumentsCompactForm_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("number");
    QTest::newRow("plain") << QStringLiteral("0xabc") << 12.0;
    QTest::newRow("empty") << QString() << 0.0;
    QTest::newRow("quote and backslash") << QStringLiteral("a\"b\\c") << 0.1;
    QTest::newRow("control characters")
        << QStringLiteral("tab\there\nnew\rret\bback\fform") + QChar(1) + QChar(0x1f) << -1.5;
    QTest::newRow("slash and unicode") << QStringLiteral("a/b é ü 漢字") << 1e16;
    QTest::newRow("surrogate pair") << QString::fromUtf8("emoji \xf0\x9f\x98\x80 end") << 1e21;
    QTest::newRow("lone surrogate") << QString(QChar(0xd800)) + QStringLiteral("x") << 2e-7;
    QTest::newRow("long plain") << QString(300, QLatin1Char('f')) << 9007199254740992.0;
    QTest::newRow("escape after 4 plain") << QStringLiteral("abcd\"efgh\\") << 123456789012345678.0;
    QTest::newRow("negative zero") << QStringLiteral("x") << -0.0;
    QTest::newRow("not finite") << QStringLiteral("x") << std::numeric_limits<double>::infinity();
    QTest::newRow("large fraction") << QStringLiteral("x") << 149301205959699.9;
}

// In ObjectMode::All the text is byte for byte QJsonDocument's compact text of the object built
// from the same calls, and the object holds every member.
void TestMessageWriter::textIsQJsonDocumentsCompactForm()
{
    QFETCH(QString, text);
    QFETCH(double, number);
    MessageWriter writer;
    writer.reset(MessageWriter::ObjectMode::All);
    writeSample(writer, text, number);
    const QJsonObject object = writer.object();
    QCOMPARE(writer.takeText().toUtf8(), compact(object));
    QCOMPARE(object.value(QStringLiteral("z_text")).toString(), text);
    QCOMPARE(
        object.value(QStringLiteral("f_nested"))[QStringLiteral("deep")][QStringLiteral("leaf")]
            .toString(),
        text);
    QCOMPARE(object.keys().size(), 7);
}

// ObjectMode::None writes the same text and builds no object.
void TestMessageWriter::noObjectUnlessAsked()
{
    MessageWriter all;
    all.reset(MessageWriter::ObjectMode::All);
    writeSample(all, QStringLiteral("t"), 2.5);
    MessageWriter none;
    none.reset(MessageWriter::ObjectMode::None);
    writeSample(none, QStringLiteral("t"), 2.5);
    QVERIFY(none.object().isEmpty());
    QCOMPARE(none.takeText(), all.takeText());
}

void TestMessageWriter::selectedPathsBuildOnlyThoseMembers_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("top level") << QStringList{QStringLiteral("b_bool")}
                               << QByteArray(R"({"b_bool":true})");
    QTest::newRow("two members") << QStringList{QStringLiteral("z_text"), QStringLiteral("a_null")}
                                 << QByteArray(R"({"a_null":null,"z_text":"t"})");
    QTest::newRow("nested leaf") << QStringList{QStringLiteral("f_nested.deep.leaf")}
                                 << QByteArray(R"({"f_nested":{"deep":{"leaf":"t"}}})");
    QTest::newRow("nested object whole")
        << QStringList{QStringLiteral("f_nested.deep")}
        << QByteArray(R"({"f_nested":{"deep":{"leaf":"t","other":7}}})");
    QTest::newRow("array by index") << QStringList{QStringLiteral("e_list.1")}
                                    << QByteArray(R"({"e_list":[1,"two",{"x":false},[]]})");
    QTest::newRow("missing") << QStringList{QStringLiteral("nope"), QStringLiteral("f_nested.x")}
                             << QByteArray(R"({"f_nested":{}})");
    QTest::newRow("none") << QStringList() << QByteArray("{}");
}

// ObjectMode::Selected builds just the members on the selected paths (a prefix of a path builds
// the containers on the way), so a filter on those paths sees what it would in the whole object.
void TestMessageWriter::selectedPathsBuildOnlyThoseMembers()
{
    QFETCH(QStringList, paths);
    QFETCH(QByteArray, expected);
    MessageWriter writer;
    writer.setSelectedPaths(paths);
    writer.reset(MessageWriter::ObjectMode::Selected);
    writeSample(writer, QStringLiteral("t"), 3);
    QCOMPARE(compact(writer.object()), expected);

    MessageWriter all;
    all.reset(MessageWriter::ObjectMode::All);
    writeSample(all, QStringLiteral("t"), 3);
    QCOMPARE(writer.takeText(), all.takeText());
    for (const QString &path : paths) {
        const Filter exists = Filter::condition(path, Filter::Operator::Exists, QJsonValue(true));
        QCOMPARE(exists.matches(writer.object()), exists.matches(all.object()));
    }
}

// One writer serves many messages of different lengths; each text stands alone.
void TestMessageWriter::bufferIsReusedAcrossMessages()
{
    MessageWriter writer;
    QStringList texts;
    for (int i = 0; i < 50; ++i) {
        writer.reset();
        writer.beginObject().key("i").integer(i);
        writer.key("s").string(QString(i * 37, QLatin1Char('a'))).endObject();
        texts.append(writer.takeText());
    }
    for (int i = 0; i < 50; ++i) {
        const QJsonObject object = QJsonDocument::fromJson(texts.at(i).toUtf8()).object();
        QCOMPARE(object.value(QStringLiteral("i")).toInt(), i);
        QCOMPARE(object.value(QStringLiteral("s")).toString().size(), i * 37);
    }
}

QTEST_GUILESS_MAIN(TestMessageWriter)
#include "tst_messagewriter.moc"
