// SPDX-License-Identifier: MIT
#include "ui/stream/messagedetailpane.h"

#include "core/json/jsontreemodel.h"
#include "core/json/valueformatter.h"
#include "ui/json/jsonhighlighter.h"
#include "ui/json/jsonindenter.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintooltipfilter.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace allium {

namespace {

// Trees of small messages open fully; big ones open at the top level only.
constexpr int ExpandAllBelowBytes = 4096;

} // namespace

MessageDetailPane::MessageDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_treeModel(new JsonTreeModel(this))
{
    setObjectName(QStringLiteral("messageDetailPane"));
    setAccessibleName(tr("Message details"));

    m_summary = new PlainLabel(tr("Select a message to see it in full."), this);
    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setAccessibleName(tr("Selected message"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_notice = new PlainLabel(this);
    m_notice->setObjectName(QStringLiteral("detailNotice"));
    m_notice->setAccessibleName(tr("Note on the shown message"));
    m_notice->setWordWrap(true);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setMargin(4);
    m_notice->setBackgroundRole(QPalette::ToolTipBase);
    m_notice->setForegroundRole(QPalette::ToolTipText);
    m_notice->setAutoFillBackground(true);
    m_notice->hide();

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("detailTree"));
    m_tree->setAccessibleName(tr("Message as a tree"));
    m_tree->setModel(m_treeModel);
    PlainToolTipFilter::install(m_tree);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::TypeColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->setColumnWidth(JsonTreeModel::KeyColumn, fontMetrics().averageCharWidth() * 22);

    m_raw = new QPlainTextEdit(this);
    m_raw->setObjectName(QStringLiteral("detailRaw"));
    m_raw->setAccessibleName(tr("Message as JSON text"));
    m_raw->setReadOnly(true);
    m_raw->setTabChangesFocus(true); // keyboard users leave it with Tab
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new JsonHighlighter(m_raw->document(), palette());

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setAccessibleName(tr("Message views"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_raw, tr("JSON"));

    m_copyJson = new QPushButton(tr("Copy JSON"), this);
    m_copyJson->setObjectName(QStringLiteral("copyJsonButton"));
    m_copyJson->setAccessibleName(tr("Copy the message's JSON"));
    m_copyValue = new QPushButton(tr("Copy value"), this);
    m_copyValue->setObjectName(QStringLiteral("copyValueButton"));
    m_copyValue->setAccessibleName(tr("Copy the selected field's value"));
    m_copyPath = new QPushButton(tr("Copy path"), this);
    m_copyPath->setObjectName(QStringLiteral("copyPathButton"));
    m_copyPath->setAccessibleName(tr("Copy the selected field's path"));
    m_copyPath->setToolTip(tr("The field's dot path, as filters and columns name it"));

    auto *buttons = new QWidget(this);
    auto *buttonRow = new QHBoxLayout(buttons);
    buttonRow->setContentsMargins(0, 0, 0, 2);
    buttonRow->addWidget(m_copyPath);
    buttonRow->addWidget(m_copyValue);
    buttonRow->addWidget(m_copyJson);
    m_tabs->setCornerWidget(buttons, Qt::TopRightCorner);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_notice);
    layout->addWidget(m_tabs, 1);

    connect(m_copyJson, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(QString::fromUtf8(m_json)); });
    connect(m_copyValue, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_tree->currentIndex();
        QApplication::clipboard()->setText(
            ValueFormatter::copyText(current.data(JsonTreeModel::JsonValueRole).toJsonValue()));
    });
    connect(m_copyPath, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(selectedPath()); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MessageDetailPane::updateButtons);
    connect(m_tree, &QTreeView::activated, this, [this] {
        if (!selectedPath().isEmpty())
            emit fieldActivated(selectedPath());
    });
    updateButtons();
}

MessageDetailPane::~MessageDetailPane() = default;

void MessageDetailPane::setMessage(const QByteArray &json, quint64 sequence, qint64 receivedAtMs)
{
    if (json.isEmpty()) {
        clear();
        return;
    }
    // Keep the user's place in the tree when another message of the same shape is selected.
    const QString keptPath = selectedPath();
    m_json = json;
    setNotice({});

    QString error;
    const bool parsed = m_treeModel->setJsonText(json, &error);
    if (parsed) {
        if (json.size() < ExpandAllBelowBytes)
            m_tree->expandAll();
        else
            m_tree->expandToDepth(0);
        // Keys are short and the value matters more: fit the keys, up to a third of the pane.
        m_tree->resizeColumnToContents(JsonTreeModel::KeyColumn);
        m_tree->setColumnWidth(JsonTreeModel::KeyColumn,
                               std::min(m_tree->columnWidth(JsonTreeModel::KeyColumn),
                                        m_tree->viewport()->width() / 3));
    }

    // Indented in one pass over (a prefix of) the frame: no second parse, and the message's
    // own key order and digits (wei values beyond 2^53) are kept.
    const bool cut = json.size() > MaxPrettyBytes;
    const QByteArray shown = cut ? JsonIndenter::utf8Prefix(json, MaxPrettyBytes) : json;
    QString text = QString::fromUtf8(parsed ? JsonIndenter::indent(shown, cut) : shown);
    if (cut)
        text += tr("\n… (%1 more bytes not shown)").arg(json.size() - shown.size());
    m_raw->setPlainText(text);

    QStringList parts;
    if (sequence > 0)
        parts << tr("Message #%1").arg(sequence);
    if (receivedAtMs > 0) {
        parts << tr("received %1")
                     .arg(QDateTime::fromMSecsSinceEpoch(receivedAtMs)
                              .toString(QStringLiteral("HH:mm:ss.zzz")));
    }
    parts << tr("%1 bytes").arg(QLocale().toString(json.size()));
    if (!parsed)
        parts << tr("not valid JSON: %1").arg(error);
    m_summary->setText(parts.join(QStringLiteral(" · ")));

    if (!keptPath.isEmpty()) {
        const QModelIndexList found =
            m_treeModel->match(m_treeModel->index(0, 0), JsonTreeModel::PathRole, keptPath, 1,
                               Qt::MatchExactly | Qt::MatchRecursive);
        if (!found.isEmpty())
            m_tree->setCurrentIndex(found.first());
    }
    updateButtons();
}

void MessageDetailPane::clear()
{
    m_json.clear();
    m_treeModel->clear();
    m_raw->clear();
    m_summary->setText(tr("Select a message to see it in full."));
    setNotice({});
    updateButtons();
}

void MessageDetailPane::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString MessageDetailPane::notice() const
{
    return m_notice->text();
}

QString MessageDetailPane::prettyText() const
{
    return m_raw->toPlainText();
}

QString MessageDetailPane::selectedPath() const
{
    return m_tree->currentIndex().data(JsonTreeModel::PathRole).toString();
}

void MessageDetailPane::updateButtons()
{
    m_copyJson->setEnabled(!m_json.isEmpty());
    const bool fieldSelected = m_tree->currentIndex().isValid();
    m_copyValue->setEnabled(fieldSelected);
    m_copyPath->setEnabled(fieldSelected);
}

void MessageDetailPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setPalette(palette());
    QWidget::changeEvent(event);
}

} // namespace allium
