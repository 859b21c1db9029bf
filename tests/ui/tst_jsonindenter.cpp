// SPDX-License-Identifier: MIT
#include "ui/json/jsonindenter.h"

#include <QJsonDocument>
#include <QTest>

using namespace allium;

class TestJsonIndenter : public QObject
{
    Q_OBJECT

private slots:
    // Indented text parses to the same document, keeps key order, digits and escapes.
    void indentsWithoutChangingContent();
    // Text that is not JSON, or a complete text that does not balance, comes back unchanged.
    void notJsonIsUnchanged();
    // A prefix of a document indents as far as it goes.
    void prefixIndents();
    // A deeply nested frame cannot blow up: indentation stops growing, output stays bounded.
    void deepNestingIsBounded();
    // A UTF-8 prefix never splits a character.
    void utf8PrefixKeepsCharacters();
};

void TestJsonIndenter::indentsWithoutChangingContent()
{
    const QByteArray json =
        R"({"z":1,"a":[1,2,{"k":"v, \"q\" [x]"}],"big":123456789012345678901234567890,"e":{},"l":[]})";
    const QByteArray indented = JsonIndenter::indent(json);
    QCOMPARE(QJsonDocument::fromJson(indented), QJsonDocument::fromJson(json));
    QVERIFY(indented.indexOf("\"z\"") < indented.indexOf("\"a\""));
    QVERIFY(indented.contains("123456789012345678901234567890"));
    QVERIFY(indented.contains(R"("v, \"q\" [x]")"));
    QVERIFY(indented.contains("\"e\": {}"));
    QVERIFY(indented.contains("\"l\": []"));
    QVERIFY(indented.contains("\n    \"z\": 1,\n"));
}

void TestJsonIndenter::notJsonIsUnchanged()
{
    QCOMPARE(JsonIndenter::indent("hello, world"), QByteArray("hello, world"));
    QCOMPARE(JsonIndenter::indent("{\"a\":1"), QByteArray("{\"a\":1"));
    QCOMPARE(JsonIndenter::indent("[1]]"), QByteArray("[1]]"));
    QCOMPARE(JsonIndenter::indent(QByteArray()), QByteArray());
}

void TestJsonIndenter::prefixIndents()
{
    const QByteArray indented = JsonIndenter::indent("{\"a\":[1,2", true);
    QCOMPARE(indented, QByteArray("{\n    \"a\": [\n        1,\n        2"));
}

void TestJsonIndenter::deepNestingIsBounded()
{
    const int depth = 100000;
    const QByteArray json = QByteArray(depth, '[') + QByteArray(depth, ']');
    const QByteArray indented = JsonIndenter::indent(json);
    QVERIFY(indented.size() <= json.size() * 4 + 64 * 1024);
    const QByteArray wide = "[" + QByteArray(depth, '[') + "1" + QByteArray(depth, ']') + "]";
    QVERIFY(JsonIndenter::indent(wide).size() <= wide.size() * 4 + 64 * 1024);
}

void TestJsonIndenter::utf8PrefixKeepsCharacters()
{
    const QByteArray text = QStringLiteral("aé€𝄞").toUtf8(); // 1 + 2 + 3 + 4 bytes
    for (int cut = 0; cut <= text.size(); ++cut) {
        const QByteArray prefix = JsonIndenter::utf8Prefix(text, cut);
        QVERIFY(prefix.size() <= cut);
        QVERIFY(text.startsWith(prefix));
        QCOMPARE(QString::fromUtf8(prefix).toUtf8(), prefix); // no broken character
    }
}

QTEST_MAIN(TestJsonIndenter)
#include "tst_jsonindenter.moc"
