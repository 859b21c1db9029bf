// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"
#include "core/filter/filterpreview.h"
#include "core/stream/topiccatalogue.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace allium {

class PlainLabel;

class FilterBuilderWidget;
class JsonHighlighter;

/// The stream filter editor: the visual builder beside the `setFilter` JSON, kept in sync both
/// ways with inline validation, Apply / Clear, named saved filters, and a preview of what the
/// filter would match. An invalid filter is never applied or previewed.
class FilterEditorPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FilterEditorPanel(QWidget *parent = nullptr);

    static constexpr int ParseDelayMs = 300;   ///< pause in typing before the JSON is parsed
    static constexpr int PreviewDelayMs = 250; ///< pause before previewRequested is emitted
    static constexpr int MaxSampleRows = 5;

    void setTopic(const QString &topic);
    void setLiveFields(const QList<TopicField> &fields);

    /// Shows `filter` in the builder and the text; does not apply it.
    void setFilter(const Filter &filter);
    /// The last valid filter shown (what Apply would send).
    Filter filter() const { return m_current; }
    /// Whether what is shown now is a valid filter.
    bool isValid() const { return m_valid; }
    /// The error shown, e.g. `conditions[1].operator: unknown operator "=="`; empty when valid.
    QString errorText() const { return m_error; }

    /// Saves the current valid filter under `name` (replacing one of that name) in QSettings.
    bool saveFilterAs(const QString &name);
    /// Shows the saved filter `name` in the editor; does not apply it.
    bool loadSavedFilter(const QString &name);
    bool deleteSavedFilter(const QString &name);
    QStringList savedFilterNames() const;

    /// Shows the result of a preview: how many of the recent messages match, fields the filter
    /// names that were never seen in this topic, and a few matching messages (compact JSON).
    /// `available` (when above total) is how many messages are kept: the text then says that
    /// only the newest `total` were tried.
    void setPreview(int matched, int total, const QStringList &unknownFields,
                    const QList<QByteArray> &sampleRows, int available = -1);
    void setPreview(const allium::FilterPreviewResult &result);

    FilterBuilderWidget *builder() const { return m_builder; }

public slots:
    /// Emits applyRequested with the current filter when it is valid.
    void apply();
    /// Empties the filter and applies the empty filter.
    void clear();

signals:
    /// The user asked to send `filter` (always valid).
    void applyRequested(const allium::Filter &filter);
    /// The valid filter changed; the owner may answer with setPreview().
    void previewRequested(const allium::Filter &filter);
    void validityChanged(bool valid);
    /// The user asked for more room for the editor (Expand) or gave it back; the owner sizes it.
    void expandToggled(bool expanded);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct SavedFilter
    {
        QString name;
        QByteArray json;
    };

    void handleBuilderChanged(const Filter &filter);
    void handleTextChanged();
    void parseText();
    void setValid(const Filter &filter);
    void setInvalid(const QString &error, int start, int length, bool syntax = false);
    void markError(int start, int length);
    void updateStatusColours();
    void handleSavedActivated(int index);
    void saveInteractively();
    void deleteInteractively();
    QList<SavedFilter> readSaved() const;
    void writeSaved(const QList<SavedFilter> &filters);
    void refreshSavedBox(const QString &select = QString());

    FilterBuilderWidget *m_builder = nullptr;
    QPlainTextEdit *m_jsonEdit = nullptr;
    JsonHighlighter *m_highlighter = nullptr;
    PlainLabel *m_status = nullptr;
    PlainLabel *m_previewSummary = nullptr;
    PlainLabel *m_previewWarnings = nullptr;
    QListWidget *m_previewSamples = nullptr;
    QComboBox *m_savedBox = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QPushButton *m_applyButton = nullptr;
    QPushButton *m_expandButton = nullptr;
    QTimer *m_parseTimer = nullptr;
    QTimer *m_previewTimer = nullptr;

    void showPreviewUnavailable(const QString &text);

    QString m_topic;
    Filter m_current;
    bool m_valid = true;
    QString m_error;
    bool m_settingText = false;
};

} // namespace allium
