// SPDX-License-Identifier: MIT
#include "ui/stream/streamtablepanel.h"

#include "core/base/backgroundwork.h"
#include "core/base/systemmemory.h"
#include "core/settings/panelstate.h"
#include "core/stream/fieldinfo.h"
#include "core/stream/messagebatch.h"
#include "core/stream/slabpool.h"
#include "core/table/columnset.h"
#include "core/table/messagefilterproxymodel.h"
#include "core/table/messagestore.h"
#include "core/table/messagetablemodel.h"
#include "ui/stream/columnchooserdialog.h"
#include "ui/stream/filterchangedelegate.h"
#include "ui/stream/livetableview.h"
#include "ui/stream/messagedetailpane.h"
#include "ui/text/layoutfence.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintext.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QResizeEvent>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace allium {

namespace {

constexpr quint32 StateMagic = 0x414c5442; // "ALTB"
constexpr quint32 StateVersion = 2;        // 2 added the byte budget
constexpr quint32 StateVersionWithoutBytes = 1;
constexpr qint64 MiB = 1024 * 1024;
// Typing pauses this long before the search runs over the whole history.
constexpr int SearchDelayMs = 150;
constexpr int LiveColumnCount = 6;
// Filter summaries on the table's marks stay short enough to read at a glance.
constexpr int MaxSummaryChars = 200;

// A filter as one line a reader can take in: value > "0" AND (coin = "ETH" OR coin = "SOL").
QString conditionsText(const Filter &filter, bool nested)
{
    if (filter.kind() == Filter::Kind::Condition) {
        QString text = filter.field() + QLatin1Char(' ') + Filter::operatorText(filter.op());
        if (!filter.value().isUndefined()) {
            // A scalar as JSON: wrapped in an array, then unwrapped.
            const QByteArray json =
                QJsonDocument(QJsonArray{filter.value()}).toJson(QJsonDocument::Compact);
            text += QLatin1Char(' ') + QString::fromUtf8(json.mid(1, json.size() - 2));
        }
        return text;
    }
    QStringList parts;
    for (const Filter &child : filter.children())
        parts << conditionsText(child, true);
    const QString joined = parts.join(
        QLatin1Char(' ') + Filter::combinatorText(filter.combinator()) + QLatin1Char(' '));
    return nested && parts.size() > 1 ? QLatin1Char('(') + joined + QLatin1Char(')') : joined;
}

// Long enough for the workers to have freed a cleared history before the heap is trimmed.
constexpr int ReleaseDelayMs = 1000;

} // namespace

StreamTablePanel::StreamTablePanel(QWidget *parent)
    : QWidget(parent)
    , m_maxBytes(MessageStore::DefaultMaxBytes)
    , m_model(new MessageTableModel(this))
    , m_proxy(new MessageFilterProxyModel(this))
{
    setObjectName(QStringLiteral("streamTablePanel"));
    setAccessibleName(tr("Live table"));
    m_model->setHistoryLimits(DefaultHistoryCount, m_maxBytes);
    m_proxy->setSourceModel(m_model);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setAccessibleName(tr("Search received messages"));
    m_search->setPlaceholderText(tr("Search received messages…"));
    m_search->setToolTip(tr("Shows only rows whose JSON contains this text, ignoring case "
                            "(Ctrl+F). The server filter is not affected."));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(m_search->fontMetrics().averageCharWidth() * 24);
    m_search->setMaximumWidth(m_search->fontMetrics().averageCharWidth() * 48);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);

    m_matchLabel = new PlainLabel(this);
    m_matchLabel->setObjectName(QStringLiteral("matchLabel"));
    m_matchLabel->setAccessibleName(tr("Matching rows"));
    m_matchLabel->hide();

    m_pauseButton = new QPushButton(tr("Pause view"), this);
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setAccessibleName(tr("Pause view"));
    m_pauseButton->setCheckable(true);

    m_followButton = new QToolButton(this);
    m_followButton->setObjectName(QStringLiteral("followButton"));
    m_followButton->setAccessibleName(tr("Follow new rows"));
    m_followButton->setText(tr("⤓ Follow"));
    m_followButton->setToolTip(tr("Keep the newest row in view (Ctrl+End). Scrolling up stops "
                                  "following; scrolling to the bottom starts it again."));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_columnsButton = new QPushButton(tr("Columns…"), this);
    m_columnsButton->setObjectName(QStringLiteral("columnsButton"));
    m_columnsButton->setAccessibleName(tr("Choose columns"));

    m_clearButton = new QToolButton(this);
    m_clearButton->setObjectName(QStringLiteral("clearTableButton"));
    m_clearButton->setAccessibleName(tr("Clear table"));
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Remove every received message from the table (the stream "
                                 "goes on)"));
    m_clearButton->setPopupMode(QToolButton::MenuButtonPopup);
    auto *clearMenu = new QMenu(m_clearButton);
    m_clearOnFilterAction = clearMenu->addAction(tr("Clear table when a filter is applied"));
    m_clearOnFilterAction->setObjectName(QStringLiteral("clearOnFilterAction"));
    m_clearOnFilterAction->setCheckable(true);
    m_clearButton->setMenu(clearMenu);

    m_matchFilterButton = new QToolButton(this);
    m_matchFilterButton->setObjectName(QStringLiteral("matchFilterButton"));
    m_matchFilterButton->setAccessibleName(tr("Hide rows not matching the server filter"));
    m_matchFilterButton->setText(tr("Only matching"));
    m_matchFilterButton->setCheckable(true);
    m_matchFilterButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *historyLabel = new QLabel(tr("&Keep last"), this);
    m_historySpin = new QSpinBox(this);
    m_historySpin->setObjectName(QStringLiteral("historySpin"));
    m_historySpin->setAccessibleName(tr("Keep last N messages"));
    m_historySpin->setToolTip(tr("How many received messages the table keeps; the oldest go "
                                 "first. The memory limit beside it bounds them too: whichever "
                                 "is reached first applies."));
    m_historySpin->setRange(MinHistoryCount, MaxHistoryCount);
    m_historySpin->setSingleStep(10000);
    m_historySpin->setGroupSeparatorShown(true);
    m_historySpin->setKeyboardTracking(false); // "1" on the way to "100000" must not evict
    m_historySpin->setValue(DefaultHistoryCount);
    historyLabel->setBuddy(m_historySpin);

    auto *memoryLabel = new QLabel(tr("in &at most"), this);
    m_memorySpin = new QSpinBox(this);
    m_memorySpin->setObjectName(QStringLiteral("memorySpin"));
    m_memorySpin->setAccessibleName(tr("Memory limit of the kept messages"));
    m_memorySpin->setToolTip(
        tr("Memory the kept messages may use; the oldest go first when it is reached, even "
           "below the count. Up to half of this machine's memory (%1 MB).")
            .arg(QLocale().toString(maxHistoryMiB())));
    m_memorySpin->setRange(MinHistoryMiB, maxHistoryMiB());
    m_memorySpin->setSingleStep(64);
    m_memorySpin->setSuffix(tr(" MB"));
    m_memorySpin->setGroupSeparatorShown(true);
    m_memorySpin->setKeyboardTracking(false);
    m_memorySpin->setValue(int(m_maxBytes / MiB));
    memoryLabel->setBuddy(m_memorySpin);

    m_fillLabel = new PlainLabel(this);
    m_fillLabel->setObjectName(QStringLiteral("fillLabel"));
    m_fillLabel->setAccessibleName(tr("History fill"));
    // The fill may be clipped rather than make the panel wider than its window.
    m_fillLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_view = new LiveTableView(this);
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new FilterChangeDelegate(m_view));
    // Sorting is ours (cycleSort), not QTableView's: it runs in the background and freezes the
    // view, so rows do not jump around at the stream's rate.
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(false);
    header->setToolTip(tr("Click a column to sort by it (again: descending, a third time: "
                          "arrival order). Sorting pauses the view; resuming returns to "
                          "arrival order."));

    m_detail = new MessageDetailPane(this);

    m_findAction = new QAction(tr("&Find in messages…"), this);
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setToolTip(tr("Search the kept messages (Ctrl+F)"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, this, &StreamTablePanel::focusSearch);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("tableSplitter"));
    m_splitter->setChildrenCollapsible(true);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setCollapsible(0, false);

    auto *viewControls = new QHBoxLayout;
    viewControls->setContentsMargins(0, 0, 0, 0);
    viewControls->addWidget(m_search, 1);
    viewControls->addWidget(m_matchLabel);
    // "Paused — 1,234 new" counts with every batch: fenced, so that only the button repaints.
    viewControls->addWidget(new LayoutFence(m_pauseButton, this));
    viewControls->addWidget(m_followButton);
    viewControls->addWidget(m_columnsButton);
    viewControls->addWidget(m_matchFilterButton);
    viewControls->addWidget(m_clearButton);
    viewControls->addStretch(0);

    auto *historyControls = new QHBoxLayout;
    historyControls->setContentsMargins(0, 0, 0, 0);
    historyControls->addSpacing(m_search->fontMetrics().averageCharWidth() * 2);
    historyControls->addWidget(historyLabel);
    historyControls->addWidget(m_historySpin);
    historyControls->addWidget(memoryLabel);
    historyControls->addWidget(m_memorySpin);
    // The fill changes with every batch: fenced, it repaints itself rather than re-lay out (and
    // repaint) every panel up to the window.
    historyControls->addWidget(new LayoutFence(m_fillLabel, this), 1);

    m_toolbar = new QBoxLayout(QBoxLayout::LeftToRight);
    m_toolbar->setContentsMargins(0, 0, 0, 0);
    m_toolbar->addLayout(viewControls, 1);
    m_toolbar->addLayout(historyControls);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The one-line toolbar is wider than the stacked one: the minimum must not depend on which
    // is shown, or a window could never shrink far enough to switch (see minimumSizeHint()).
    layout->setSizeConstraint(QLayout::SetNoConstraint);
    layout->addLayout(m_toolbar);
    layout->addWidget(m_splitter, 1);

    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &StreamTablePanel::applySearch);
    connect(m_searchDelay, &QTimer::timeout, this, &StreamTablePanel::applySearch);
    connect(m_pauseButton, &QPushButton::toggled, this, &StreamTablePanel::setPaused);
    connect(m_followButton, &QToolButton::toggled, m_view, &LiveTableView::setFollowing);
    connect(m_view, &LiveTableView::followingChanged, m_followButton, &QToolButton::setChecked);
    connect(m_columnsButton, &QPushButton::clicked, this, &StreamTablePanel::chooseColumns);
    connect(m_historySpin, &QSpinBox::valueChanged, this,
            [this](int count) { setHistoryLimits(count, m_maxBytes); });
    connect(m_memorySpin, &QSpinBox::valueChanged, this,
            [this](int mib) { setHistoryLimits(m_historySpin->value(), qint64(mib) * MiB); });
    connect(m_model, &MessageTableModel::pendingCountChanged, this,
            &StreamTablePanel::updatePauseButton);
    connect(m_model, &MessageTableModel::pausedChanged, this, [this](bool paused) {
        m_pauseButton->setChecked(paused);
        updatePauseButton();
    });
    connect(m_model, &MessageTableModel::fillChanged, this, &StreamTablePanel::updateFill);
    connect(m_model, &MessageTableModel::columnsChanged, this, [this](const QStringList &paths) {
        if (m_topic.isEmpty())
            return;
        if (paths == ColumnSet::defaultColumns(m_topic))
            m_columnsByTopic.remove(m_topic);
        else
            m_columnsByTopic.insert(m_topic, paths);
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &StreamTablePanel::updateMatchLabel);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &StreamTablePanel::updateMatchLabel);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &StreamTablePanel::updateMatchLabel);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &StreamTablePanel::updateMatchLabel);
    connect(m_view, &LiveTableView::currentMessageChanged, this,
            &StreamTablePanel::showCurrentMessage);
    connect(m_view, &LiveTableView::currentMessageRemoved, this,
            &StreamTablePanel::handleCurrentRemoved);
    connect(m_clearButton, &QToolButton::clicked, this, &StreamTablePanel::clear);
    connect(m_matchFilterButton, &QToolButton::toggled, this, &StreamTablePanel::updateMatchFilter);
    connect(m_proxy, &MessageFilterProxyModel::busyChanged, this,
            &StreamTablePanel::updateMatchLabel);
    connect(m_model, &MessageTableModel::pendingCountChanged, this,
            &StreamTablePanel::updateMatchLabel);
    connect(header, &QHeaderView::sectionClicked, this, &StreamTablePanel::cycleSort);
    connect(m_proxy, &MessageFilterProxyModel::sortChanged, this,
            &StreamTablePanel::updateSortIndicator);
    connect(m_model, &MessageTableModel::columnsChanged, this, [this] {
        if (m_proxy->isSorted() && m_proxy->sortColumn() < 0)
            clearSort();
        updateSortIndicator();
    });
    // Resuming a view that sorting paused returns to arrival order: new rows cannot join a
    // sorted table at the stream's rate without every row moving.
    connect(m_model, &MessageTableModel::pausedChanged, this, [this](bool paused) {
        if (!paused && m_proxy->isSorted()) {
            m_pausedBySort = false;
            clearSort();
        }
    });

    updatePauseButton();
    updateFill();
    updateMatchFilter();
    adaptLayout();
}

StreamTablePanel::~StreamTablePanel() = default;

int StreamTablePanel::maxHistoryMiB()
{
    const qint64 half = SystemMemory::physicalBytes() / 2 / MiB;
    return int(std::clamp<qint64>(half, MessageStore::DefaultMaxBytes / MiB, 1024 * 1024));
}

QSize StreamTablePanel::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 80, fontMetrics().height() * 14};
}

void StreamTablePanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    adaptLayout();
}

// Wide panels put the details beside the table and the toolbar on one line; narrow ones stack
// both, so neither the table nor the search field is squeezed to nothing.
void StreamTablePanel::adaptLayout()
{
    const int charWidth = fontMetrics().averageCharWidth();
    // Side by side where there is room for both; stacked only where there is height to spare:
    // in a short window (800×600) a stacked detail pane would leave the table two rows.
    const bool shortPanel = height() < fontMetrics().height() * 30;
    const bool wide = width() >= charWidth * (shortPanel ? 100 : 150);
    const Qt::Orientation orientation = wide ? Qt::Horizontal : Qt::Vertical;
    // Neither wide nor tall (half of a split 800×600 window): the table alone, the details
    // folded away below it until the user drags them out or the panel grows.
    const bool cramped = !wide && shortPanel;
    if (m_splitter->orientation() != orientation || !m_splitterPlaced || cramped != m_cramped) {
        m_splitter->setOrientation(orientation);
        const int length = wide ? width() : height();
        const int tableLength = cramped ? length : length * 3 / 5;
        m_splitter->setSizes({tableLength, length - tableLength});
        m_splitterPlaced = true;
        m_cramped = cramped;
    }
    const bool oneLine = width() >= charWidth * 140;
    m_toolbar->setDirection(oneLine ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    // On one line the fill gets room for its usual text; on its own line it takes the rest.
    m_fillLabel->setMinimumWidth(
        oneLine ? m_fillLabel->fontMetrics().horizontalAdvance(QStringLiteral(
                      "1,000,000 / 1,000,000 · 999.9 MB of 1 GB · memory limit reached"))
                : charWidth * 16);
}

void StreamTablePanel::setTopic(const QString &topic)
{
    m_topic = topic;
    m_livePaths.clear();
    clear();
    setColumns(m_columnsByTopic.value(topic, ColumnSet::defaultColumns(topic)));
}

void StreamTablePanel::appendBatch(const MessageBatch &batch)
{
    if (batch.fieldsChanged)
        setLiveFields(batch.fields);
    m_model->appendBatch(batch);
}

void StreamTablePanel::setLiveFields(const QVector<FieldInfo> &fields)
{
    m_livePaths.clear();
    for (const FieldInfo &field : fields) {
        if (!field.hasType(FieldInfo::Object) && !field.hasType(FieldInfo::Array))
            m_livePaths.append(field.path);
    }
    // A topic nobody documented starts with the first fields its messages carry.
    if (m_model->columns().isEmpty() && !m_livePaths.isEmpty())
        m_model->setColumns(m_livePaths.mid(0, LiveColumnCount));
}

void StreamTablePanel::clear()
{
    clearSort();
    const bool large =
        m_model->size() + m_model->pendingCount() >= MessageStore::BackgroundReleaseCount;
    m_model->clear();
    // The cleared messages are freed on workers; glibc then keeps the freed blocks in its heaps
    // and the process stays as large as with a full history (RSS 159 MB → 260 MB after a topic
    // switch and back), and the slab pool keeps the slabs they were in for reuse. Forgetting
    // the idle slabs and trimming once they are freed gives the memory back to the system.
    if (large)
        QTimer::singleShot(ReleaseDelayMs, this, [] {
            BackgroundWork::run([] {
                SlabPool::shared()->releaseIdle();
                SystemMemory::releaseFreedMemory();
            });
        });
    m_detail->clear();
    m_view->setFollowing(true);
}

void StreamTablePanel::markFilterApplied(const Filter &filter)
{
    if (filter == m_serverFilter)
        return; // sent again, nothing changed
    m_serverFilter = filter;
    if (m_clearOnFilterAction->isChecked())
        clear();
    // An empty table has nothing from another filter to set apart.
    if (m_model->size() > 0 || m_model->pendingCount() > 0)
        m_model->markFilterChange(filterSummary(filter));
    updateMatchFilter();
}

bool StreamTablePanel::clearsOnFilterApplied() const
{
    return m_clearOnFilterAction->isChecked();
}

void StreamTablePanel::setClearOnFilterApplied(bool clear)
{
    m_clearOnFilterAction->setChecked(clear);
}

QString StreamTablePanel::filterSummary(const Filter &filter)
{
    if (filter.isEmpty())
        return tr("no filter (every message)");
    QString text = conditionsText(filter, false);
    if (text.size() > MaxSummaryChars)
        text = text.left(MaxSummaryChars - 1) + QStringLiteral("…");
    return text;
}

// The server filter applies only to messages sent after it; applied here too, it hides the
// older rows it would have kept out (nothing is deleted), so the table and an export of the
// visible rows hold one filter's messages.
void StreamTablePanel::updateMatchFilter()
{
    const bool available = !m_serverFilter.isEmpty();
    m_matchFilterButton->setEnabled(available);
    // The filter's values are the user's text: shown literally, never as markup.
    m_matchFilterButton->setToolTip(PlainText::toolTip(
        available ? tr("Apply the server filter to the rows received before it too: rows that "
                       "do not match are hidden (not deleted), also from exports.\n%1")
                        .arg(QString::fromUtf8(m_serverFilter.toJsonText()))
                  : tr("Apply a server filter first; then this hides the rows received before "
                       "it that do not match.")));
    m_proxy->setRowFilter(available && m_matchFilterButton->isChecked() ? m_serverFilter
                                                                        : Filter());
    updateMatchLabel();
}

// The selected message went away under the user: say so and keep it in the details, rather
// than show another message in its place.
void StreamTablePanel::handleCurrentRemoved(quint64 rowId)
{
    const QLocale locale;
    if (rowId < m_model->oldestRowId()) {
        m_detail->setNotice(
            m_model->size() < m_model->capacity()
                ? tr("This message left the history (kept: last %1, memory limit %2).")
                      .arg(locale.toString(m_model->size()),
                           locale.formattedDataSize(m_model->byteCapacity(), 0,
                                                    QLocale::DataSizeTraditionalFormat))
                : tr("This message left the history (kept: last %1).")
                      .arg(locale.toString(m_model->capacity())));
    } else {
        m_detail->setNotice(tr("This message is hidden by the search or the filter."));
    }
}

void StreamTablePanel::setHistoryLimits(int maxCount, qint64 maxBytes)
{
    m_maxBytes = std::clamp<qint64>(maxBytes, MinHistoryMiB * MiB, maxHistoryMiB() * MiB);
    m_model->setHistoryLimits(maxCount, m_maxBytes);
    const QSignalBlocker blocker(m_historySpin);
    m_historySpin->setValue(maxCount);
    const QSignalBlocker memoryBlocker(m_memorySpin);
    m_memorySpin->setValue(int((m_maxBytes + MiB - 1) / MiB));
}

void StreamTablePanel::setColumns(const QStringList &paths)
{
    m_model->setColumns(paths);
}

QStringList StreamTablePanel::columns() const
{
    return m_model->columns();
}

void StreamTablePanel::setPaused(bool paused)
{
    m_model->setPaused(paused);
}

void StreamTablePanel::chooseColumns()
{
    ColumnChooserDialog dialog(this);
    dialog.setDefaultColumns(ColumnSet::defaultColumns(m_topic));
    dialog.setAvailableFields(ColumnSet::knownFields(m_topic), m_livePaths);
    dialog.setColumns(m_model->columns());
    if (dialog.exec() == QDialog::Accepted)
        setColumns(dialog.columns());
}

void StreamTablePanel::applySearch()
{
    m_searchDelay->stop();
    m_proxy->setSearchText(m_search->text());
    updateMatchLabel();
}

void StreamTablePanel::cycleSort(int column)
{
    if (m_proxy->sortColumn() != column) {
        if (!m_model->isPaused()) {
            m_pausedBySort = true;
            m_model->setPaused(true);
        }
        m_view->setFollowing(false);
        m_proxy->sort(column, Qt::AscendingOrder);
        m_view->scrollToTop();
    } else if (m_proxy->sortOrder() == Qt::AscendingOrder) {
        m_proxy->sort(column, Qt::DescendingOrder);
        m_view->scrollToTop();
    } else {
        clearSort();
    }
}

void StreamTablePanel::clearSort()
{
    if (!m_proxy->isSorted())
        return;
    m_proxy->sort(-1);
    if (std::exchange(m_pausedBySort, false))
        m_model->setPaused(false);
    if (!m_model->isPaused())
        m_view->setFollowing(true);
}

void StreamTablePanel::updateSortIndicator()
{
    QHeaderView *header = m_view->horizontalHeader();
    const int column = m_proxy->sortColumn();
    header->setSortIndicatorShown(column >= 0);
    if (column >= 0)
        header->setSortIndicator(column, m_proxy->sortOrder());
    m_followButton->setEnabled(column < 0);
    updateMatchLabel();
}

void StreamTablePanel::updatePauseButton()
{
    const QSignalBlocker blocker(m_pauseButton);
    const bool paused = m_model->isPaused();
    m_pauseButton->setChecked(paused);
    if (paused) {
        m_pauseButton->setText(
            tr("Paused — %1 new").arg(QLocale().toString(m_model->pendingCount())));
        m_pauseButton->setToolTip(tr("The table is frozen while messages keep arriving. Click "
                                     "to resume and show the new messages."));
    } else {
        m_pauseButton->setText(tr("Pause view"));
        m_pauseButton->setToolTip(tr("Freeze the table to read it; messages keep arriving and "
                                     "appear when you resume."));
    }
}

void StreamTablePanel::updateFill()
{
    const QLocale locale;
    QString text =
        tr("%1 / %2 · %3 of %4")
            .arg(locale.toString(m_model->size()), locale.toString(m_model->capacity()),
                 locale.formattedDataSize(m_model->bytes(), 1, QLocale::DataSizeTraditionalFormat),
                 locale.formattedDataSize(m_model->byteCapacity(), 0,
                                          QLocale::DataSizeTraditionalFormat));
    // Which limit binds: the count, or memory before the count (then more memory keeps more).
    QString binding;
    if (m_model->size() >= m_model->capacity())
        binding = tr("count limit reached");
    else if (m_model->size() > 0 &&
             m_model->bytes() + 2 * (m_model->bytes() / m_model->size()) > m_model->byteCapacity())
        binding = tr("memory limit reached");
    if (!binding.isEmpty())
        text += QStringLiteral(" · ") + binding;
    m_fillLabel->setText(text);
    m_fillLabel->setToolTip(
        tr("Messages kept / count limit · memory used of the memory limit. %1 older messages "
           "were dropped to stay within the limits.%2")
            .arg(locale.toString(m_model->evictions()),
                 binding == tr("memory limit reached")
                     ? tr(" The memory limit is reached before the count: raise it to keep more.")
                     : QString()));
}

void StreamTablePanel::updateMatchLabel()
{
    if (!m_proxy->isFiltering() && !m_proxy->isBusy()) {
        m_matchLabel->hide();
        return;
    }
    const QLocale locale;
    QString text;
    if (m_proxy->isBusy())
        text = m_proxy->isFiltering()
                   ? tr("Searching %1 rows…").arg(locale.toString(m_model->rowCount()))
                   : tr("Sorting %1 rows…").arg(locale.toString(m_model->rowCount()));
    else
        text = tr("%1 of %2")
                   .arg(locale.toString(m_proxy->rowCount()), locale.toString(m_model->rowCount()));
    // Messages held back by a paused view are not in the table yet, so not searched: say so
    // rather than a bare "0 of 0".
    if (m_model->isPaused() && m_model->pendingCount() > 0)
        text += tr(" · %1 more held while paused, searched on resume")
                    .arg(locale.toString(m_model->pendingCount()));
    m_matchLabel->setText(text);
    m_matchLabel->show();
}

void StreamTablePanel::showCurrentMessage()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    m_detail->setMessage(current.data(MessageTableModel::RawJsonRole).toByteArray(),
                         current.data(MessageTableModel::SequenceRole).toULongLong(),
                         current.data(MessageTableModel::ReceivedAtRole).toLongLong());
}

QByteArray StreamTablePanel::saveState() const
{
    PanelState out(StateMagic, StateVersion);
    out << m_splitter->saveState() << qint32(m_model->capacity()) << m_columnsByTopic
        << qint64(m_maxBytes) << m_clearOnFilterAction->isChecked();
    return out.data();
}

bool StreamTablePanel::restoreState(const QByteArray &state)
{
    QByteArray splitter;
    qint32 capacity = 0;
    QHash<QString, QStringList> columnsByTopic;
    qint64 maxBytes = m_maxBytes;
    PanelState in(state, StateMagic, StateVersion);
    in >> splitter >> capacity >> columnsByTopic >> maxBytes;
    if (!in.isValid()) {
        // A state saved before the byte budget could be chosen.
        PanelState old(state, StateMagic, StateVersionWithoutBytes);
        old >> splitter >> capacity >> columnsByTopic;
        if (!old.isValid())
            return false;
        maxBytes = m_maxBytes;
    }
    m_splitterPlaced = m_splitter->restoreState(splitter);
    if (capacity >= MinHistoryCount && capacity <= MaxHistoryCount)
        setHistoryLimits(capacity, maxBytes);
    m_columnsByTopic = columnsByTopic;
    if (!m_topic.isEmpty() && m_columnsByTopic.contains(m_topic))
        setColumns(m_columnsByTopic.value(m_topic));
    // Added later: a state saved before has none, and keeps the default.
    bool clearOnFilter = false;
    in >> clearOnFilter;
    if (in.isValid())
        m_clearOnFilterAction->setChecked(clearOnFilter);
    return true;
}

void StreamTablePanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

} // namespace allium
