// SPDX-License-Identifier: MIT
#include "ui/console/apiexchangeview.h"

#include "core/json/jsontreemodel.h"
#include "ui/console/apiitemstableview.h"
#include "ui/json/jsonhighlighter.h"
#include "ui/json/jsonindenter.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintooltipfilter.h"
#include "ui/theme/theme.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace allium {

namespace {

/// Above this, the text panes are not syntax-highlighted: highlighting runs over every line at
/// once and would stall the GUI on a multi-megabyte "Show all".
constexpr qsizetype MaxHighlightChars = 1024 * 1024;

/// Indented without building a document (no parse, key order and digits kept); a frame that is
/// not JSON (a malformed one) shows as received.
QString indented(const QByteArray &json, bool isPrefix = false)
{
    return QString::fromUtf8(JsonIndenter::indent(json, isPrefix)).trimmed();
}

QString dataSize(qint64 bytes)
{
    // "256 kB", "1.7 MB": a decimal only where it says something.
    const bool whole = bytes < 1000 * 1000 || bytes % (1024 * 1024) == 0;
    return QLocale().formattedDataSize(bytes, whole ? 0 : 1, QLocale::DataSizeTraditionalFormat);
}

QPlainTextEdit *makeTextPane(const QString &objectName, const QString &accessibleName)
{
    auto *edit = new QPlainTextEdit;
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

} // namespace

ApiExchangeView::ApiExchangeView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new PlainLabel)
    , m_problem(new PlainLabel)
    , m_tabs(new QTabWidget)
    , m_tree(new QTreeView)
    , m_treeModel(new JsonTreeModel(this))
    , m_items(new ApiItemsTableView)
    , m_responseText(makeTextPane(QStringLiteral("responseText"), QStringLiteral("Response JSON")))
    , m_truncationBar(new QWidget)
    , m_truncationLabel(new PlainLabel)
    , m_showAll(new QPushButton(QStringLiteral("Show all")))
    , m_requestText(makeTextPane(QStringLiteral("requestText"), QStringLiteral("Request JSON")))
    , m_responseHighlighter(new JsonHighlighter(m_responseText->document(), palette()))
    , m_requestHighlighter(new JsonHighlighter(m_requestText->document(), palette()))
    , m_copyResponse(new QPushButton(QStringLiteral("Copy response")))
    , m_copyRequest(new QPushButton(QStringLiteral("Copy request")))
{
    m_summary->setObjectName(QStringLiteral("exchangeSummary"));
    m_summary->setAccessibleName(QStringLiteral("Selected request"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("exchangeProblem"));
    m_problem->setAccessibleName(QStringLiteral("Why the request did not succeed"));
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setWordWrap(true);
    m_problem->hide();

    m_tree->setObjectName(QStringLiteral("responseTree"));
    m_tree->setAccessibleName(QStringLiteral("Response tree"));
    m_tree->setModel(m_treeModel);
    PlainToolTipFilter::install(m_tree);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(JsonTreeModel::KeyColumn, 160);
    m_tree->header()->resizeSection(JsonTreeModel::TypeColumn, 70);

    m_tabs->setObjectName(QStringLiteral("exchangeTabs"));
    m_tabs->setAccessibleName(QStringLiteral("Request and response"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_tree, QStringLiteral("Response"));
    m_truncationBar->setObjectName(QStringLiteral("truncationBar"));
    m_truncationLabel->setObjectName(QStringLiteral("truncationLabel"));
    m_truncationLabel->setWordWrap(true);
    m_showAll->setObjectName(QStringLiteral("showAllButton"));
    m_showAll->setAccessibleName(QStringLiteral("Show all of the response"));
    m_showAll->setToolTip(QStringLiteral("Show the whole response (may take a moment)"));
    connect(m_showAll, &QPushButton::clicked, this, &ApiExchangeView::showAll);
    auto *barLayout = new QHBoxLayout(m_truncationBar);
    barLayout->setContentsMargins(4, 2, 4, 2);
    barLayout->addWidget(m_truncationLabel, 1);
    barLayout->addWidget(m_showAll);
    m_truncationBar->hide();
    auto *responsePage = new QWidget;
    auto *responseLayout = new QVBoxLayout(responsePage);
    responseLayout->setContentsMargins(0, 0, 0, 0);
    responseLayout->setSpacing(0);
    responseLayout->addWidget(m_truncationBar);
    responseLayout->addWidget(m_responseText, 1);
    m_tabs->addTab(responsePage, QStringLiteral("Response JSON"));
    m_tabs->addTab(m_items, QStringLiteral("Table"));
    m_tabs->addTab(m_requestText, QStringLiteral("Request"));

    m_copyResponse->setObjectName(QStringLiteral("copyResponseButton"));
    m_copyResponse->setAccessibleName(QStringLiteral("Copy response"));
    m_copyResponse->setToolTip(QStringLiteral("Copy the response JSON to the clipboard"));
    m_copyRequest->setObjectName(QStringLiteral("copyRequestButton"));
    m_copyRequest->setAccessibleName(QStringLiteral("Copy request"));
    m_copyRequest->setToolTip(QStringLiteral("Copy the request frame to the clipboard"));
    connect(m_copyResponse, &QPushButton::clicked, this, [this] { copy(fullResponseText()); });
    connect(m_copyRequest, &QPushButton::clicked, this, [this] { copy(requestText()); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_copyRequest);
    buttons->addWidget(m_copyResponse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);
    layout->addWidget(m_tabs, 1);
    applyProblemColour();
    clear();
}

void ApiExchangeView::showExchange(const QByteArray &requestJson, const QByteArray &responseJson,
                                   const QString &summary, const QString &problem,
                                   const QJsonValue &responseTree, qint64 responseSize)
{
    m_summary->setText(summary);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    // The history re-announces a row on every change of it; the response is rendered only when
    // it is another one (the same frame shares its data, so this is a pointer comparison).
    const bool sameResponse = (responseJson.constData() == m_response.constData() &&
                               responseJson.size() == m_response.size()) ||
                              responseJson == m_response;
    if (!sameResponse || m_responseText->document()->isEmpty() != responseJson.isEmpty() ||
        !m_walkKey.isEmpty()) {
        m_walkKey.clear();
        m_response = responseJson;
        m_responseSize = std::max<qint64>(responseSize, responseJson.size());
        showResponseText(false);
        if (!responseTree.isUndefined())
            m_treeModel->setJson(responseTree);
        else if (responseJson.isEmpty() || responseJson.size() > MaxTreeParseBytes ||
                 !m_treeModel->setJsonText(responseJson))
            m_treeModel->clear();
        m_tree->expandToDepth(0);
        // The rows are in the frame's "data" (the tree shows the whole frame).
        const QJsonValue frame = !responseTree.isUndefined() ? responseTree : m_treeModel->json();
        m_items->setResponseData(frame.toObject().value(QLatin1String("data")), m_response);
    }
    const QString request = indented(requestJson);
    if (m_requestText->toPlainText() != request)
        setText(m_requestText, m_requestHighlighter, request);
    m_copyResponse->setEnabled(!m_response.isEmpty());
    m_copyRequest->setEnabled(!request.isEmpty());
}

void ApiExchangeView::showWalk(const QByteArray &requestJson, const QString &summary,
                               const QString &problem, const QList<QJsonValue> &pages,
                               const QList<QByteArray> &frames, const QString &pagesKey)
{
    // The walk has no response of its own: its pages' rows are the table; a page's row shows
    // that page's frame.
    if (m_walkKey != pagesKey) {
        showExchange(requestJson, {}, summary, problem);
        m_items->setResponsePages(pages, frames);
        m_walkKey = pagesKey;
        return;
    }
    m_summary->setText(summary);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void ApiExchangeView::showTableTab()
{
    m_tabs->setCurrentWidget(m_items);
}

void ApiExchangeView::showAll()
{
    if (m_responseTruncated)
        showResponseText(true);
}

void ApiExchangeView::showResponseText(bool all)
{
    m_responseTruncated = !all && m_response.size() > PreviewBytes;
    const QString text = m_responseTruncated
                             ? indented(JsonIndenter::utf8Prefix(m_response, PreviewBytes), true) +
                                   QStringLiteral("\n…")
                             : indented(m_response);
    setText(m_responseText, m_responseHighlighter, text);

    QStringList notes;
    if (m_responseTruncated)
        notes << QStringLiteral("Showing the first %1 of %2.")
                     .arg(dataSize(PreviewBytes), dataSize(m_response.size()));
    if (m_responseSize > m_response.size())
        notes << QStringLiteral("The history kept only the first %1 of this %2 response.")
                     .arg(dataSize(m_response.size()), dataSize(m_responseSize));
    m_truncationLabel->setText(notes.join(QLatin1Char(' ')));
    m_showAll->setVisible(m_responseTruncated);
    m_truncationBar->setVisible(!notes.isEmpty());
}

void ApiExchangeView::setText(QPlainTextEdit *edit, JsonHighlighter *highlighter,
                              const QString &text)
{
    // Highlighting runs over every line at once: a huge text is shown plain.
    QTextDocument *wanted = text.size() <= MaxHighlightChars ? edit->document() : nullptr;
    if (highlighter->document() != wanted)
        highlighter->setDocument(wanted);
    edit->setPlainText(text);
}

void ApiExchangeView::clear()
{
    showExchange({}, {}, QStringLiteral("Select a request in the history to see its response."),
                 {});
}

QString ApiExchangeView::requestText() const
{
    return m_requestText->toPlainText();
}

QString ApiExchangeView::responseText() const
{
    return m_responseText->toPlainText();
}

QString ApiExchangeView::fullResponseText() const
{
    return m_responseTruncated ? indented(m_response) : responseText();
}

void ApiExchangeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_responseHighlighter->setPalette(palette());
        m_requestHighlighter->setPalette(palette());
        applyProblemColour();
    }
    QWidget::changeEvent(event);
}

void ApiExchangeView::applyProblemColour()
{
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, Theme::color(Theme::Role::Failure, palette()));
    m_problem->setPalette(problemPalette);
}

void ApiExchangeView::copy(const QString &text)
{
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

} // namespace allium
