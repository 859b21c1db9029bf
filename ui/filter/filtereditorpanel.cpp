// SPDX-License-Identifier: MIT
#include "ui/filter/filtereditorpanel.h"

#include "core/json/jsonpathlocator.h"
#include "ui/filter/filterbuilderwidget.h"
#include "ui/json/jsonhighlighter.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintext.h"
#include "ui/text/plaintooltipfilter.h"
#include "ui/theme/theme.h"

#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace allium {

namespace {

const QString SettingsGroup = QStringLiteral("savedFilters");
const QString SettingsArray = QStringLiteral("filters");
// Text beyond this is refused before parsing: no filter a person writes comes near it.
constexpr int MaxFilterTextChars = 2 * 1024 * 1024;
constexpr int MaxSampleChars = 400;

} // namespace

FilterEditorPanel::FilterEditorPanel(QWidget *parent)
    : QWidget(parent)
    , m_builder(new FilterBuilderWidget(this))
    , m_jsonEdit(new QPlainTextEdit(this))
    , m_status(new PlainLabel(this))
    , m_previewSummary(new PlainLabel(this))
    , m_previewWarnings(new PlainLabel(this))
    , m_previewSamples(new QListWidget(this))
    , m_savedBox(new QComboBox(this))
    , m_saveButton(new QPushButton(tr("Save as…"), this))
    , m_deleteButton(new QPushButton(tr("Delete"), this))
    , m_clearButton(new QPushButton(tr("Clear"), this))
    , m_applyButton(new QPushButton(tr("Apply"), this))
    , m_expandButton(new QPushButton(tr("Expand"), this))
    , m_parseTimer(new QTimer(this))
    , m_previewTimer(new QTimer(this))
{
    m_builder->setObjectName(QStringLiteral("filterBuilder"));

    m_jsonEdit->setObjectName(QStringLiteral("jsonEdit"));
    m_jsonEdit->setAccessibleName(tr("Filter JSON"));
    m_jsonEdit->setToolTip(tr("The setFilter data sent to the stream. Edits here update the "
                              "builder once the JSON is valid."));
    m_jsonEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_jsonEdit->setTabChangesFocus(true);
    m_jsonEdit->setMinimumWidth(140);
    m_highlighter = new JsonHighlighter(m_jsonEdit->document(), m_jsonEdit->palette());

    m_status->setObjectName(QStringLiteral("errorLabel"));
    m_status->setAccessibleName(tr("Filter validation"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_previewSummary->setObjectName(QStringLiteral("previewLabel"));
    m_previewSummary->setAccessibleName(tr("Filter preview"));
    m_previewSummary->setTextFormat(Qt::PlainText);
    m_previewSummary->setWordWrap(true);
    m_previewWarnings->setObjectName(QStringLiteral("previewWarnings"));
    m_previewWarnings->setAccessibleName(tr("Filter preview warnings"));
    m_previewWarnings->setTextFormat(Qt::PlainText);
    m_previewWarnings->setWordWrap(true);
    m_previewWarnings->hide();
    m_previewSamples->setObjectName(QStringLiteral("previewSamples"));
    PlainToolTipFilter::install(m_previewSamples);
    m_previewSamples->setAccessibleName(tr("Sample matching messages"));
    m_previewSamples->setToolTip(tr("A few received messages the filter would let through"));
    m_previewSamples->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_previewSamples->setTextElideMode(Qt::ElideRight);
    m_previewSamples->setUniformItemSizes(true);
    m_previewSamples->setFixedHeight(m_previewSamples->fontMetrics().height() * 3 + 8);
    m_previewSamples->hide();

    m_savedBox->setObjectName(QStringLiteral("savedFiltersBox"));
    m_savedBox->setAccessibleName(tr("Saved filters"));
    m_savedBox->setToolTip(tr("Load a saved filter into the editor (Apply sends it)"));
    m_savedBox->setMinimumContentsLength(10);
    m_savedBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_saveButton->setObjectName(QStringLiteral("saveFilterButton"));
    m_saveButton->setAccessibleName(tr("Save filter as"));
    m_saveButton->setToolTip(tr("Save the current filter under a name"));
    m_deleteButton->setObjectName(QStringLiteral("deleteFilterButton"));
    m_deleteButton->setAccessibleName(tr("Delete saved filter"));
    m_deleteButton->setToolTip(tr("Delete the saved filter selected on the left"));
    m_clearButton->setObjectName(QStringLiteral("clearButton"));
    m_clearButton->setAccessibleName(tr("Clear filter"));
    m_clearButton->setToolTip(tr("Remove every condition and apply: all messages pass"));
    m_applyButton->setObjectName(QStringLiteral("applyButton"));
    m_applyButton->setAccessibleName(tr("Apply filter"));
    m_applyButton->setToolTip(tr("Send this filter to the stream (Ctrl+Return)"));
    m_applyButton->setDefault(true);
    m_expandButton->setObjectName(QStringLiteral("expandEditorButton"));
    m_expandButton->setAccessibleName(tr("Expand the filter editor"));
    m_expandButton->setToolTip(tr("Give the filter editor most of the panel's height, for long "
                                  "filters; click again to give it back"));
    m_expandButton->setCheckable(true);

    // Hidden, they keep their room, and the summary has two lines whatever it says: the editor
    // does not jump as a preview comes and goes.
    m_previewSummary->setMinimumHeight(m_previewSummary->fontMetrics().lineSpacing() * 2);
    for (QWidget *widget :
         {static_cast<QWidget *>(m_previewWarnings), static_cast<QWidget *>(m_previewSamples)}) {
        QSizePolicy policy = widget->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        widget->setSizePolicy(policy);
    }

    // The JSON with what it means under it (validity, preview); the builder beside them has
    // the editor's whole height for its conditions.
    auto *textColumn = new QWidget(this);
    auto *textLayout = new QVBoxLayout(textColumn);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->setSpacing(2);
    textLayout->addWidget(m_jsonEdit, 1);
    textLayout->addWidget(m_status);
    textLayout->addWidget(m_previewSummary);
    textLayout->addWidget(m_previewWarnings);
    textLayout->addWidget(m_previewSamples);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("filterSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_builder);
    splitter->addWidget(textColumn);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({500, 400});

    // Apply and Clear sit above the builder, in view however many conditions there are.
    auto *buttons = new QHBoxLayout;
    // The box names itself ("Saved filters…"): a label beside it cost the width that kept Apply
    // in view at 800×600.
    buttons->addWidget(m_savedBox, 1);
    buttons->addWidget(m_saveButton);
    buttons->addWidget(m_deleteButton);
    buttons->addStretch(1);
    buttons->addWidget(m_expandButton);
    buttons->addWidget(m_clearButton);
    buttons->addWidget(m_applyButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    setTabOrder(m_builder, m_jsonEdit);
    setTabOrder(m_jsonEdit, m_savedBox);
    setTabOrder(m_savedBox, m_saveButton);
    setTabOrder(m_saveButton, m_deleteButton);
    setTabOrder(m_deleteButton, m_expandButton);
    setTabOrder(m_expandButton, m_clearButton);
    setTabOrder(m_clearButton, m_applyButton);

    m_parseTimer->setSingleShot(true);
    m_parseTimer->setInterval(ParseDelayMs);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(PreviewDelayMs);

    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        shortcut->setWhatsThis(tr("Apply the filter"));
        connect(shortcut, &QShortcut::activated, this, &FilterEditorPanel::apply);
    }
    connect(m_builder, &FilterBuilderWidget::filterChanged, this,
            &FilterEditorPanel::handleBuilderChanged);
    connect(m_jsonEdit, &QPlainTextEdit::textChanged, this, &FilterEditorPanel::handleTextChanged);
    connect(m_parseTimer, &QTimer::timeout, this, &FilterEditorPanel::parseText);
    connect(m_previewTimer, &QTimer::timeout, this, [this] { emit previewRequested(m_current); });
    connect(m_applyButton, &QPushButton::clicked, this, &FilterEditorPanel::apply);
    connect(m_clearButton, &QPushButton::clicked, this, &FilterEditorPanel::clear);
    connect(m_expandButton, &QPushButton::toggled, this, [this](bool expanded) {
        m_expandButton->setText(expanded ? tr("Shrink") : tr("Expand"));
        emit expandToggled(expanded);
    });
    connect(m_saveButton, &QPushButton::clicked, this, &FilterEditorPanel::saveInteractively);
    connect(m_deleteButton, &QPushButton::clicked, this, &FilterEditorPanel::deleteInteractively);
    connect(m_savedBox, &QComboBox::activated, this, &FilterEditorPanel::handleSavedActivated);

    setFilter(Filter());
    refreshSavedBox();
    setPreview(0, 0, {}, {});
}

void FilterEditorPanel::setTopic(const QString &topic)
{
    m_builder->setTopic(topic);
    if (topic == m_topic)
        return;
    m_topic = topic;
    // The counts shown were of the previous topic's messages: gone with it. The owner is asked
    // again, against what the new topic has (nothing yet, usually).
    showPreviewUnavailable(topic.isEmpty()
                               ? tr("Preview: no messages received yet to try the filter on.")
                               : tr("Preview: no messages of %1 received yet.").arg(topic));
    if (m_valid)
        m_previewTimer->start();
}

void FilterEditorPanel::setLiveFields(const QList<TopicField> &fields)
{
    m_builder->setLiveFields(fields);
}

void FilterEditorPanel::setFilter(const Filter &filter)
{
    m_builder->setFilter(filter);
    handleBuilderChanged(m_builder->filter());
}

void FilterEditorPanel::apply()
{
    // Text typed a moment ago counts, even before the pause that would parse it.
    if (m_parseTimer->isActive()) {
        m_parseTimer->stop();
        parseText();
    }
    if (m_valid)
        emit applyRequested(m_current);
}

void FilterEditorPanel::clear()
{
    m_parseTimer->stop();
    setFilter(Filter());
    emit applyRequested(Filter());
}

void FilterEditorPanel::handleBuilderChanged(const Filter &filter)
{
    m_parseTimer->stop();
    const QByteArray text = filter.toJsonText(true);
    m_settingText = true;
    // Replace through a cursor so the change is one undo step, not a reset of the history.
    QTextCursor cursor(m_jsonEdit->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(QString::fromUtf8(text));
    m_settingText = false;
    const FilterParseResult result = Filter::parse(text);
    if (!result.ok()) {
        const JsonPathLocator::Range range =
            JsonPathLocator::locate(m_jsonEdit->toPlainText(), result.errorPath);
        setInvalid(result.errorString(), range.start, range.length);
        return;
    }
    setValid(filter);
}

void FilterEditorPanel::handleTextChanged()
{
    if (!m_settingText)
        m_parseTimer->start();
}

void FilterEditorPanel::parseText()
{
    const QString text = m_jsonEdit->toPlainText();
    if (text.size() > MaxFilterTextChars) {
        setInvalid(tr("The filter text is too large (over %1 characters).").arg(MaxFilterTextChars),
                   0, 0);
        return;
    }
    const FilterParseResult result = Filter::parse(text.toUtf8());
    if (!result.ok()) {
        if (result.syntaxErrorOffset >= 0) {
            setInvalid(result.errorString(), result.syntaxErrorOffset, 1, true);
        } else {
            const JsonPathLocator::Range range = JsonPathLocator::locate(text, result.errorPath);
            setInvalid(result.errorString(), range.start, range.length);
        }
        return;
    }
    if (result.filter != m_builder->filter())
        m_builder->setFilter(result.filter);
    setValid(result.filter);
}

void FilterEditorPanel::setValid(const Filter &filter)
{
    const bool changed = !m_valid || filter != m_current;
    const bool validityFlipped = !m_valid;
    m_current = filter;
    m_valid = true;
    m_error.clear();
    m_status->setText(filter.isEmpty() ? tr("Valid: no conditions, every message passes.")
                                       : tr("Valid filter."));
    m_jsonEdit->setExtraSelections({});
    m_applyButton->setEnabled(true);
    m_saveButton->setEnabled(!filter.isEmpty());
    updateStatusColours();
    if (validityFlipped) {
        showPreviewUnavailable(tr("Preview: trying the filter…"));
        emit validityChanged(true);
    }
    if (changed)
        m_previewTimer->start();
}

void FilterEditorPanel::setInvalid(const QString &error, int start, int length, bool syntax)
{
    const bool validityFlipped = m_valid;
    m_valid = false;
    m_error = error;
    m_status->setText(error);
    m_applyButton->setEnabled(false);
    m_saveButton->setEnabled(false);
    m_previewTimer->stop();
    // Say why there is no preview, and where to look, rather than a stale or empty count.
    QString where;
    if (start >= 0) {
        const QTextBlock block = m_jsonEdit->document()->findBlock(start);
        if (block.isValid())
            where = tr(" at line %1, column %2")
                        .arg(block.blockNumber() + 1)
                        .arg(start - block.position() + 1);
    }
    showPreviewUnavailable(syntax ? tr("Preview: none, the JSON is invalid%1.").arg(where)
                                  : tr("Preview: none, the filter is invalid%1.").arg(where));
    markError(start, length);
    updateStatusColours();
    if (validityFlipped)
        emit validityChanged(false);
}

void FilterEditorPanel::markError(int start, int length)
{
    // characterCount() includes the final paragraph separator.
    const int size = m_jsonEdit->document()->characterCount() - 1;
    if (start < 0 || size <= 0) {
        m_jsonEdit->setExtraSelections({});
        return;
    }
    // A zero-width place (end of text, a missing member) still gets one visible character.
    start = qMin(start, size - 1);
    length = qBound(1, length, size - start);
    QTextEdit::ExtraSelection selection;
    selection.cursor = QTextCursor(m_jsonEdit->document());
    selection.cursor.setPosition(start);
    selection.cursor.setPosition(start + length, QTextCursor::KeepAnchor);
    selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    selection.format.setUnderlineColor(m_status->palette().color(QPalette::WindowText));
    selection.format.setToolTip(PlainText::toolTip(m_error));
    m_jsonEdit->setExtraSelections({selection});
}

void FilterEditorPanel::updateStatusColours()
{
    const QColor colour =
        Theme::color(m_valid ? Theme::Role::Success : Theme::Role::Failure, palette());
    QPalette statusPalette = m_status->palette();
    statusPalette.setColor(QPalette::WindowText, colour);
    m_status->setPalette(statusPalette);
    const QColor warning = Theme::color(Theme::Role::Warning, palette());
    QPalette warningPalette = m_previewWarnings->palette();
    warningPalette.setColor(QPalette::WindowText, warning);
    m_previewWarnings->setPalette(warningPalette);
    if (!m_valid) {
        const QList<QTextEdit::ExtraSelection> selections = m_jsonEdit->extraSelections();
        if (!selections.isEmpty()) {
            QTextEdit::ExtraSelection selection = selections.constFirst();
            selection.format.setUnderlineColor(colour);
            m_jsonEdit->setExtraSelections({selection});
        }
    }
}

void FilterEditorPanel::changeEvent(QEvent *event)
{
    // An application-wide theme switch arrives as ApplicationPaletteChange, not PaletteChange.
    if (event->type() == QEvent::PaletteChange ||
        event->type() == QEvent::ApplicationPaletteChange) {
        m_highlighter->setPalette(palette());
        updateStatusColours();
    }
    QWidget::changeEvent(event);
}

void FilterEditorPanel::showPreviewUnavailable(const QString &text)
{
    m_previewSummary->setText(text);
    m_previewWarnings->hide();
    m_previewSamples->clear();
    m_previewSamples->hide();
}

void FilterEditorPanel::setPreview(const FilterPreviewResult &result)
{
    setPreview(result.matched, result.total, result.unknownFields, result.sampleRows,
               result.available);
}

void FilterEditorPanel::setPreview(int matched, int total, const QStringList &unknownFields,
                                   const QList<QByteArray> &sampleRows, int available)
{
    const QLocale locale;
    if (total <= 0)
        m_previewSummary->setText(tr("Preview: no messages received yet to try the filter on."));
    else if (available > total)
        // Only the newest are tried (the parse runs on the GUI thread): say so, and of how many.
        m_previewSummary->setText(
            tr("Preview: would match %1 of the newest %2 messages (of %3 kept).")
                .arg(locale.toString(matched), locale.toString(total), locale.toString(available)));
    else
        m_previewSummary->setText(
            total == 1
                ? tr("Preview: would match %1 of 1 received message.").arg(matched)
                : tr("Preview: would match %1 of %2 received messages.").arg(matched).arg(total));
    m_previewWarnings->setVisible(!unknownFields.isEmpty());
    m_previewWarnings->setText(
        unknownFields.isEmpty()
            ? QString()
            : tr("Never seen in this topic: %1").arg(unknownFields.join(QStringLiteral(", "))));
    m_previewSamples->clear();
    for (const QByteArray &row : sampleRows.mid(0, MaxSampleRows)) {
        const QJsonDocument document = QJsonDocument::fromJson(row);
        const QByteArray compact =
            document.isNull() ? row : document.toJson(QJsonDocument::Compact);
        QString text = QString::fromUtf8(compact.left(MaxSampleChars * 4));
        if (text.size() > MaxSampleChars)
            text = text.left(MaxSampleChars - 1) + QChar(0x2026);
        auto *item = new QListWidgetItem(text, m_previewSamples);
        item->setToolTip(text);
    }
    m_previewSamples->setVisible(m_previewSamples->count() > 0);
}

bool FilterEditorPanel::saveFilterAs(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || !m_valid)
        return false;
    QList<SavedFilter> filters = readSaved();
    const QByteArray json = m_current.toJsonText();
    auto it = std::find_if(filters.begin(), filters.end(),
                           [&trimmed](const SavedFilter &f) { return f.name == trimmed; });
    if (it != filters.end())
        it->json = json;
    else
        filters.append({trimmed, json});
    writeSaved(filters);
    refreshSavedBox(trimmed);
    return true;
}

bool FilterEditorPanel::loadSavedFilter(const QString &name)
{
    for (const SavedFilter &saved : readSaved()) {
        if (saved.name != name)
            continue;
        const FilterParseResult result = Filter::parse(saved.json);
        if (!result.ok())
            return false;
        setFilter(result.filter);
        refreshSavedBox(name);
        return true;
    }
    return false;
}

bool FilterEditorPanel::deleteSavedFilter(const QString &name)
{
    QList<SavedFilter> filters = readSaved();
    const auto removed = std::remove_if(filters.begin(), filters.end(),
                                        [&name](const SavedFilter &f) { return f.name == name; });
    if (removed == filters.end())
        return false;
    filters.erase(removed, filters.end());
    writeSaved(filters);
    refreshSavedBox();
    return true;
}

QStringList FilterEditorPanel::savedFilterNames() const
{
    QStringList names;
    for (const SavedFilter &saved : readSaved())
        names.append(saved.name);
    return names;
}

// An array, not one key per name: names may hold '/' and other characters QSettings keys cannot.
QList<FilterEditorPanel::SavedFilter> FilterEditorPanel::readSaved() const
{
    QSettings settings;
    settings.beginGroup(SettingsGroup);
    QList<SavedFilter> filters;
    const int count = settings.beginReadArray(SettingsArray);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QString name = settings.value(QStringLiteral("name")).toString();
        const QByteArray json = settings.value(QStringLiteral("json")).toString().toUtf8();
        if (!name.isEmpty())
            filters.append({name, json});
    }
    settings.endArray();
    settings.endGroup();
    return filters;
}

void FilterEditorPanel::writeSaved(const QList<SavedFilter> &filters)
{
    QSettings settings;
    settings.beginGroup(SettingsGroup);
    settings.remove(QString());
    settings.beginWriteArray(SettingsArray, int(filters.size()));
    for (int i = 0; i < filters.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), filters.at(i).name);
        settings.setValue(QStringLiteral("json"), QString::fromUtf8(filters.at(i).json));
    }
    settings.endArray();
    settings.endGroup();
}

void FilterEditorPanel::refreshSavedBox(const QString &select)
{
    m_savedBox->clear();
    const QStringList names = savedFilterNames();
    for (const QString &name : names)
        m_savedBox->addItem(name);
    m_savedBox->setCurrentIndex(names.indexOf(select));
    m_savedBox->setPlaceholderText(names.isEmpty() ? tr("No saved filters") : tr("Saved filters…"));
    m_savedBox->setEnabled(!names.isEmpty());
    m_deleteButton->setEnabled(!names.isEmpty());
}

void FilterEditorPanel::handleSavedActivated(int index)
{
    if (index >= 0)
        loadSavedFilter(m_savedBox->itemText(index));
}

void FilterEditorPanel::saveInteractively()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save filter"), tr("Name:"),
                                               QLineEdit::Normal, m_savedBox->currentText(), &ok);
    if (ok)
        saveFilterAs(name);
}

void FilterEditorPanel::deleteInteractively()
{
    const QString name = m_savedBox->currentText();
    if (name.isEmpty())
        return;
    if (PlainText::question(
            this, tr("Delete saved filter"), tr("Delete the saved filter \"%1\"?").arg(name),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes)
        deleteSavedFilter(name);
}

} // namespace allium
