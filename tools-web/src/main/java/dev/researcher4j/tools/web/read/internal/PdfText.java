package dev.researcher4j.tools.web.read.internal;

import dev.researcher4j.tools.web.extract.PageMetadata;
import dev.researcher4j.tools.web.read.PageReadException;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** Text of a PDF, page by page, with PDFBox. */
public final class PdfText {

  /**
   * A PDF's text.
   *
   * @param title the document's title (from its information, else its first line)
   * @param text every page's text, pages separated by a blank line
   * @param pageStarts offset in {@code text} where each page starts
   * @param metadata author and creation date when the PDF states them
   */
  public record Result(
      String title, String text, List<Integer> pageStarts, PageMetadata metadata) {}

  private PdfText() {}

  /**
   * Extracts the text of the PDF in {@code bytes}.
   *
   * @throws PageReadException if the PDF is encrypted or broken
   */
  public static Result extract(byte[] bytes, String url) {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      StringBuilder text = new StringBuilder();
      List<Integer> starts = new ArrayList<>();
      for (int page = 1; page <= doc.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        String pageText = tidy(stripper.getText(doc));
        if (text.length() > 0) {
          text.append("\n\n");
        }
        starts.add(text.length());
        text.append(pageText);
      }
      PDDocumentInformation info = doc.getDocumentInformation();
      String title = info.getTitle() == null ? "" : info.getTitle().strip();
      if (title.isEmpty()) {
        title = firstLine(text.toString());
      }
      String author = info.getAuthor() == null ? "" : info.getAuthor();
      String created = iso(info.getCreationDate());
      return new Result(
          title,
          text.toString(),
          starts,
          new PageMetadata(author, created, "", info.getSubject(), ""));
    } catch (InvalidPasswordException e) {
      throw new PageReadException(url + " is an encrypted PDF; its text cannot be read.", e);
    } catch (IOException e) {
      throw new PageReadException(
          url + " is a PDF that could not be read (" + e.getMessage() + ").", e);
    }
  }

  private static String tidy(String s) {
    return s.replace("\r\n", "\n")
        .replaceAll("[ \\t]+\n", "\n")
        .replaceAll("\n{3,}", "\n\n")
        .strip();
  }

  private static String firstLine(String text) {
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        String l = line.strip();
        return l.length() > 150 ? l.substring(0, 150) : l;
      }
    }
    return "";
  }

  private static String iso(Calendar calendar) {
    if (calendar == null) {
      return "";
    }
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        calendar.toInstant().atOffset(ZoneOffset.UTC));
  }
}
