// SPDX-License-Identifier: MIT
#include "ui/topic/topicpickerwidget.h"

#include "core/stream/topiccatalogue.h"
#include "ui/text/plaintooltipfilter.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace allium {

namespace {

constexpr int TopicRole = Qt::UserRole + 1;

} // namespace

TopicPickerWidget::TopicPickerWidget(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeView(this))
    , m_useButton(new QPushButton(this))
    , m_subscribeButton(new QPushButton(this))
    , m_hint(new QLabel(this))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_search->setObjectName(QStringLiteral("topicSearch"));
    m_search->setPlaceholderText(tr("Search topics or type <chain>.<kind>"));
    m_search->setAccessibleName(tr("Topic search"));
    m_search->setToolTip(tr("Filters the list as you type. Enter picks the highlighted topic, "
                            "or the typed topic when nothing matches."));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);

    m_model->setHorizontalHeaderLabels({tr("Topic"), tr("Description")});
    for (const QString &chain : TopicCatalogue::chains()) {
        auto *chainItem = new QStandardItem(chain);
        chainItem->setEditable(false);
        chainItem->setSelectable(false);
        QFont chainFont = chainItem->font();
        chainFont.setBold(true);
        chainItem->setFont(chainFont);
        auto *chainDescription = new QStandardItem();
        chainDescription->setEditable(false);
        chainDescription->setSelectable(false);
        for (const TopicInfo &info : TopicCatalogue::topicsOfChain(chain)) {
            auto *topicItem = new QStandardItem(info.name);
            topicItem->setData(info.name, TopicRole);
            topicItem->setEditable(false);
            topicItem->setToolTip(info.description);
            auto *descriptionItem = new QStandardItem(info.description);
            descriptionItem->setData(info.name, TopicRole);
            descriptionItem->setEditable(false);
            descriptionItem->setToolTip(info.description);
            chainItem->appendRow({topicItem, descriptionItem});
        }
        m_model->appendRow({chainItem, chainDescription});
    }

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);
    // A search for "solana" keeps all of that chain's topics, not just the chain row.
    m_proxy->setAutoAcceptChildRows(true);

    m_tree->setObjectName(QStringLiteral("topicTree"));
    m_tree->setAccessibleName(tr("Known topics"));
    m_tree->setToolTip(tr("Known topics by chain. Enter or double-click picks one."));
    m_tree->setModel(m_proxy);
    PlainToolTipFilter::install(m_tree);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->expandAll();

    m_useButton->setObjectName(QStringLiteral("useTopicButton"));
    m_useButton->setAccessibleName(tr("Use typed topic"));
    m_useButton->setToolTip(tr("Subscribe to exactly the topic typed in the search line, "
                               "even if it is not in the list."));
    m_useButton->setText(tr("Use typed topic"));
    m_useButton->setEnabled(false);

    m_subscribeButton->setObjectName(QStringLiteral("subscribeButton"));
    m_subscribeButton->setText(tr("Subscribe"));
    m_subscribeButton->setAccessibleName(tr("Subscribe to the selected topic"));
    m_subscribeButton->setToolTip(
        tr("Start streaming the topic selected in the list (or press Enter, or double-click)"));
    m_subscribeButton->setEnabled(false);

    m_hint->setObjectName(QStringLiteral("topicHint"));
    m_hint->setAccessibleName(tr("Topic hint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_useButton);
    // What a selection does, and the button that does it, sit above the list: below it they
    // were out of view unless the panel was enlarged.
    auto *hintRow = new QHBoxLayout;
    hintRow->addWidget(m_hint, 1);
    hintRow->addWidget(m_subscribeButton, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(searchRow);
    layout->addLayout(hintRow);
    layout->addWidget(m_tree, 1);

    setTabOrder(m_search, m_useButton);
    setTabOrder(m_useButton, m_subscribeButton);
    setTabOrder(m_subscribeButton, m_tree);
    setFocusProxy(m_search);

    connect(m_search, &QLineEdit::textChanged, this, &TopicPickerWidget::handleSearchEdited);
    connect(m_search, &QLineEdit::returnPressed, this, &TopicPickerWidget::handleReturnPressed);
    connect(m_tree, &QTreeView::activated, this, &TopicPickerWidget::handleActivated);
    connect(m_useButton, &QPushButton::clicked, this, &TopicPickerWidget::chooseFreeEntry);
    connect(m_subscribeButton, &QPushButton::clicked, this, &TopicPickerWidget::chooseCurrent);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TopicPickerWidget::updateFreeEntry);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &TopicPickerWidget::showTopicMenu);
    m_tree->viewport()->installEventFilter(this);
    updateFreeEntry();
}

void TopicPickerWidget::showTopicMenu(const QPoint &position)
{
    const QString topic = m_tree->indexAt(position).data(TopicRole).toString();
    if (topic.isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(tr("Use for this stream"), this, [this, topic] { emit topicChosen(topic); });
    menu.addAction(tr("Open in a new stream"), this,
                   [this, topic] { emit newStreamRequested(topic); });
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

QString TopicPickerWidget::searchText() const
{
    return m_search->text().trimmed();
}

void TopicPickerWidget::setSearchText(const QString &text)
{
    m_search->setText(text);
}

QString TopicPickerWidget::currentTopic() const
{
    return m_tree->currentIndex().data(TopicRole).toString();
}

bool TopicPickerWidget::eventFilter(QObject *watched, QEvent *event)
{
    // A middle click opens the topic in a new stream, as a link in a new browser tab.
    if (watched == m_tree->viewport() && event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const QString topic =
            m_tree->indexAt(mouse->position().toPoint()).data(TopicRole).toString();
        if (mouse->button() == Qt::MiddleButton && !topic.isEmpty()) {
            emit newStreamRequested(topic);
            return true;
        }
    }
    // Arrow keys in the search line move through the list while typing stays possible, as in
    // a completer popup.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto *keyEvent = static_cast<QKeyEvent *>(event);
        switch (keyEvent->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            if (!m_tree->currentIndex().isValid() && keyEvent->key() == Qt::Key_Down) {
                selectFirstTopic();
                return true;
            }
            QCoreApplication::sendEvent(m_tree, event);
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TopicPickerWidget::handleSearchEdited(const QString &text)
{
    m_proxy->setFilterFixedString(text.trimmed());
    m_tree->expandAll();
    if (text.trimmed().isEmpty())
        m_tree->setCurrentIndex(QModelIndex());
    else
        selectFirstTopic();
    updateFreeEntry();
}

void TopicPickerWidget::handleReturnPressed()
{
    const QString typed = searchText();
    // An exact known or valid typed name wins over the highlighted partial match.
    if (TopicCatalogue::find(typed) || currentTopic().isEmpty()) {
        chooseFreeEntry();
        return;
    }
    emit topicChosen(currentTopic());
}

void TopicPickerWidget::handleActivated(const QModelIndex &index)
{
    const QString topic = index.data(TopicRole).toString();
    if (!topic.isEmpty())
        emit topicChosen(topic);
}

void TopicPickerWidget::chooseCurrent()
{
    const QString topic = currentTopic();
    if (!topic.isEmpty())
        emit topicChosen(topic);
}

void TopicPickerWidget::chooseFreeEntry()
{
    const QString typed = searchText();
    QString error;
    if (!TopicCatalogue::isValidTopicName(typed, &error)) {
        m_hint->setText(error);
        return;
    }
    emit topicChosen(typed);
}

void TopicPickerWidget::selectFirstTopic()
{
    for (int chainRow = 0; chainRow < m_proxy->rowCount(); ++chainRow) {
        const QModelIndex chain = m_proxy->index(chainRow, 0);
        if (m_proxy->rowCount(chain) > 0) {
            m_tree->setCurrentIndex(m_proxy->index(0, 0, chain));
            return;
        }
    }
    m_tree->setCurrentIndex(QModelIndex());
}

void TopicPickerWidget::updateFreeEntry()
{
    const QString typed = searchText();
    QString error;
    const bool valid = TopicCatalogue::isValidTopicName(typed, &error);
    m_useButton->setEnabled(valid);
    const QString current = currentTopic();
    m_subscribeButton->setEnabled(!current.isEmpty());
    if (TopicCatalogue::find(typed))
        m_hint->setText(tr("Enter subscribes to %1.").arg(typed));
    else if (!current.isEmpty())
        m_hint->setText(
            tr("%1 selected: Subscribe, Enter or a double-click starts it.").arg(current));
    else if (typed.isEmpty())
        m_hint->setText(tr("Pick a topic, or type any <chain>.<kind>."));
    else if (valid)
        m_hint->setText(tr("%1 is not in the list; Enter subscribes to it anyway.").arg(typed));
    else
        m_hint->setText(error);
}

} // namespace allium
