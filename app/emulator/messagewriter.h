// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringView>

#include <vector>

namespace allium {

/// Writes one stream message, described member by member, as compact JSON text and, when asked,
/// as a QJsonObject of the whole message or of only the members a filter reads. Generators
/// describe each message once through it, so the stream sends text without building an object
/// (the costly part) and filters on a small object. Members must come in ascending key order at
/// every level: the text is then byte-identical to QJsonDocument's compact form of the object.
class MessageWriter
{
public:
    enum class ObjectMode {
        None,     ///< text only
        All,      ///< text and the whole object
        Selected, ///< text and an object of only the members setSelectedPaths() names
    };

    MessageWriter();

    /// Starts a new message; the text buffer is kept, so steady writing does not allocate.
    void reset(ObjectMode mode = ObjectMode::None);
    ObjectMode mode() const { return m_mode; }
    /// The members ObjectMode::Selected builds: Filter::fieldPaths() ("payload.coin" builds
    /// {"payload":{"coin":…}}). A path into an array builds the whole array.
    void setSelectedPaths(const QStringList &fieldPaths);

    MessageWriter &beginObject();
    MessageWriter &endObject();
    MessageWriter &beginArray();
    MessageWriter &endArray();
    /// The next member's name: a literal (it is referred to, not copied) of plain ASCII that
    /// JSON does not escape.
    MessageWriter &key(QLatin1String name);
    template <size_t N>
    MessageWriter &key(const char (&name)[N])
    {
        return key(QLatin1String(name, qsizetype(N) - 1));
    }
    MessageWriter &string(QStringView text);
    MessageWriter &string(QLatin1String text);
    /// `text`, or null when it is empty.
    MessageWriter &stringOrNull(const QString &text);
    /// A number as QJsonValue(double) holds it: integral values up to 2^53 print as integers.
    MessageWriter &number(double value);
    MessageWriter &integer(qint64 value);
    MessageWriter &boolean(bool value);
    MessageWriter &null();

    /// The message's compact JSON text; the writer keeps nothing of it.
    QString takeText();
    /// The text written so far, without taking it.
    QStringView text() const { return QStringView(m_text.constData(), m_length); }
    /// The object of the finished message (empty in ObjectMode::None).
    const QJsonObject &object() const { return m_object; }

private:
    struct Frame
    {
        bool isArray = false;
        bool first = true;
        bool capture = false;       ///< this container is built as a QJsonObject/QJsonArray
        bool full = false;          ///< with all its members (else only selected ones)
        bool memberCapture = false; ///< the current member is built
        bool memberFull = false;    ///< entirely (else only its selected members)
        QLatin1String memberKey;
        QJsonObject object;
        QJsonArray array;
    };

    char16_t *reserve(qsizetype count);
    void putLatin1(const char *text, qsizetype size);
    void putChar(char16_t c) { *reserve(1) = c, ++m_length; }
    void separate();
    /// Whether the value written next is built.
    bool capturing() const
    {
        if (m_mode == ObjectMode::None)
            return false;
        if (m_frames.empty())
            return true;
        const Frame &frame = m_frames.back();
        return frame.isArray ? frame.capture : frame.memberCapture;
    }
    /// Whether the value written next is built entirely.
    bool capturingFully() const;
    void selectMember(Frame &frame, QLatin1String name) const;
    void addValue(const QJsonValue &value);
    void writeInteger(qint64 value);

    ObjectMode m_mode = ObjectMode::None;
    std::vector<QStringList> m_selected; ///< the selected paths, split at dots
    QString m_text;
    qsizetype m_length = 0;
    std::vector<Frame> m_frames;
    QJsonObject m_object;
};

} // namespace allium
