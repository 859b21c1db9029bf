// SPDX-License-Identifier: MIT
#include "ui/topic/topicpickerwidget.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace allium;

namespace {

// Topic names visible in the tree, in display order.
QStringList visibleTopics(QTreeView *tree)
{
    QStringList out;
    const QAbstractItemModel *model = tree->model();
    for (int chain = 0; chain < model->rowCount(); ++chain) {
        const QModelIndex chainIndex = model->index(chain, 0);
        for (int row = 0; row < model->rowCount(chainIndex); ++row)
            out.append(model->index(row, 0, chainIndex).data().toString());
    }
    return out;
}

} // namespace

class TestTopicPicker : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    // All known topics are listed under their chains, with descriptions.
    void listsKnownTopicsByChain();
    // Typing filters the list (topic names and descriptions), Enter picks the highlighted one.
    void typeAndEnterPicksTopic();
    // Arrow keys in the search line move the highlight; Enter picks the moved-to topic.
    void arrowsMoveHighlight();
    // A chain name keeps all of that chain's topics.
    void chainSearchKeepsChildren();
    // A valid free topic not in the list is chosen by Enter and by the Use button.
    void freeEntry();
    // An invalid free topic is refused with a hint, never emitted.
    void invalidFreeEntry_data();
    void invalidFreeEntry();
    // Enter on the tree itself picks the current topic.
    void enterInTree();
    void singleClickSelectsAndSaysHowToStart();

private:
    TopicPickerWidget *m_picker = nullptr;
    QLineEdit *m_search = nullptr;
    QTreeView *m_tree = nullptr;
};

void TestTopicPicker::init()
{
    m_picker = new TopicPickerWidget;
    m_picker->resize(500, 400);
    m_picker->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_picker));
    m_search = m_picker->findChild<QLineEdit *>(QStringLiteral("topicSearch"));
    m_tree = m_picker->findChild<QTreeView *>(QStringLiteral("topicTree"));
    QVERIFY(m_search);
    QVERIFY(m_tree);
    m_search->setFocus();
}

void TestTopicPicker::cleanup()
{
    delete m_picker;
    m_picker = nullptr;
}

void TestTopicPicker::listsKnownTopicsByChain()
{
    QCOMPARE(m_tree->model()->rowCount(), 5);
    QCOMPARE(m_tree->model()->index(1, 0).data().toString(), QStringLiteral("base"));
    const QStringList topics = visibleTopics(m_tree);
    QCOMPARE(topics.size(), 12);
    QVERIFY(topics.contains(QStringLiteral("hyperliquid.fills")));
    const QModelIndex ethereum = m_tree->model()->index(0, 0);
    QVERIFY(!m_tree->model()->index(0, 1, ethereum).data().toString().isEmpty());
}

void TestTopicPicker::typeAndEnterPicksTopic()
{
    QSignalSpy chosen(m_picker, &TopicPickerWidget::topicChosen);
    QTest::keyClicks(m_search, QStringLiteral("fills"));
    QCOMPARE(visibleTopics(m_tree), QStringList{QStringLiteral("hyperliquid.fills")});
    QTest::keyClick(m_search, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("hyperliquid.fills"));

    // Descriptions are searched too.
    m_search->clear();
    QTest::keyClicks(m_search, QStringLiteral("base dex"));
    QCOMPARE(visibleTopics(m_tree), QStringList{QStringLiteral("base.dex_trades")});
}

void TestTopicPicker::arrowsMoveHighlight()
{
    QSignalSpy chosen(m_picker, &TopicPickerWidget::topicChosen);
    QTest::keyClicks(m_search, QStringLiteral("transactions"));
    QCOMPARE(visibleTopics(m_tree), (QStringList{QStringLiteral("ethereum.transactions"),
                                                 QStringLiteral("base.transactions"),
                                                 QStringLiteral("solana.transactions")}));
    QCOMPARE(m_picker->currentTopic(), QStringLiteral("ethereum.transactions"));
    QTest::keyClick(m_search, Qt::Key_Down);
    QTest::keyClick(m_search, Qt::Key_Down); // skips the "base" chain row
    QCOMPARE(m_picker->currentTopic(), QStringLiteral("base.transactions"));
    QVERIFY(m_search->hasFocus());
    QTest::keyClick(m_search, Qt::Key_Enter);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("base.transactions"));
}

void TestTopicPicker::chainSearchKeepsChildren()
{
    QTest::keyClicks(m_search, QStringLiteral("HYPERLIQUID"));
    QCOMPARE(visibleTopics(m_tree), (QStringList{QStringLiteral("hyperliquid.fills"),
                                                 QStringLiteral("hyperliquid.trades")}));
}

void TestTopicPicker::freeEntry()
{
    QSignalSpy chosen(m_picker, &TopicPickerWidget::topicChosen);
    auto *use = m_picker->findChild<QPushButton *>(QStringLiteral("useTopicButton"));
    QVERIFY(use);
    QVERIFY(!use->isEnabled());
    QTest::keyClicks(m_search, QStringLiteral("arbitrum.erc20_token_transfers"));
    QVERIFY(visibleTopics(m_tree).isEmpty());
    QVERIFY(use->isEnabled());
    QTest::keyClick(m_search, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("arbitrum.erc20_token_transfers"));

    // The button takes the typed text even when a known topic matches part of it.
    m_search->clear();
    QTest::keyClicks(m_search, QStringLiteral("base.block"));
    QCOMPARE(m_picker->currentTopic(), QStringLiteral("base.blocks"));
    QTest::mouseClick(use, Qt::LeftButton);
    QCOMPARE(chosen.size(), 2);
    QCOMPARE(chosen.at(1).at(0).toString(), QStringLiteral("base.block"));
}

void TestTopicPicker::invalidFreeEntry_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("hint");
    QTest::newRow("upper case") << "Arbitrum.Blocks"
                                << "lower-case";
    QTest::newRow("no dot") << "zzz"
                            << "one dot";
}

void TestTopicPicker::invalidFreeEntry()
{
    QFETCH(QString, typed);
    QFETCH(QString, hint);
    QSignalSpy chosen(m_picker, &TopicPickerWidget::topicChosen);
    auto *hintLabel = m_picker->findChild<QLabel *>(QStringLiteral("topicHint"));
    QVERIFY(hintLabel);
    QTest::keyClicks(m_search, typed);
    QVERIFY(visibleTopics(m_tree).isEmpty());
    QTest::keyClick(m_search, Qt::Key_Return);
    QCOMPARE(chosen.size(), 0);
    QVERIFY2(hintLabel->text().contains(hint), qPrintable(hintLabel->text()));
}

void TestTopicPicker::enterInTree()
{
    QSignalSpy chosen(m_picker, &TopicPickerWidget::topicChosen);
    QTest::keyClicks(m_search, QStringLiteral("bitcoin"));
    m_tree->setFocus();
    QTest::keyClick(m_tree, Qt::Key_Down);
    QTest::keyClick(m_tree, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("bitcoin.blocks"));
}

// At the stream panel's size a single click on a topic visibly selects it: the hint in view
// names it and says how to start it, and Subscribe starts it (issue 10, item 10).
void TestTopicPicker::singleClickSelectsAndSaysHowToStart()
{
    m_picker->resize(260, 170);
    QApplication::processEvents();
    QSignalSpy chosen(m_picker, &TopicPickerWidget::topicChosen);
    const QModelIndex ethereum = m_tree->model()->index(0, 0);
    const QModelIndex blocks = m_tree->model()->index(0, 0, ethereum);
    QCOMPARE(blocks.data().toString(), QStringLiteral("ethereum.blocks"));
    QTest::mouseClick(m_tree->viewport(), Qt::LeftButton, {}, m_tree->visualRect(blocks).center());
    QCOMPARE(m_picker->currentTopic(), QStringLiteral("ethereum.blocks"));
    QCOMPARE(chosen.size(), 0);

    auto *hint = m_picker->findChild<QLabel *>(QStringLiteral("topicHint"));
    const QRect hintRect(hint->mapTo(m_picker, QPoint(0, 0)), hint->size());
    QVERIFY2(m_picker->rect().contains(hintRect), "the hint is out of view");
    QVERIFY2(hint->text().contains(QStringLiteral("ethereum.blocks")), qPrintable(hint->text()));
    QVERIFY2(hint->text().contains(QStringLiteral("Enter")), qPrintable(hint->text()));

    auto *subscribe = m_picker->findChild<QPushButton *>(QStringLiteral("subscribeButton"));
    QVERIFY(subscribe);
    QVERIFY(subscribe->isEnabled());
    const QRect buttonRect(subscribe->mapTo(m_picker, QPoint(0, 0)), subscribe->size());
    QVERIFY(m_picker->rect().contains(buttonRect));
    QTest::mouseClick(subscribe, Qt::LeftButton);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("ethereum.blocks"));
}

QTEST_MAIN(TestTopicPicker)
#include "tst_topicpicker.moc"
