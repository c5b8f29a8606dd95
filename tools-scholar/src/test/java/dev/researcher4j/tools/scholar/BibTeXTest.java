package dev.researcher4j.tools.scholar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BibTeXTest {

  private static final Paper ATTENTION =
      Paper.builder()
          .source(PaperSource.SEMANTIC_SCHOLAR)
          .title("Attention Is All You Need")
          .authors(List.of(Author.of("Ashish Vaswani"), Author.of("Noam Shazeer")))
          .year(2017)
          .publicationDate("2017-06-12")
          .venue("Advances in Neural Information Processing Systems")
          .type(PublicationType.CONFERENCE_PAPER)
          .arxivId("1706.03762v7")
          .addFieldOfStudy("cs.CL")
          .build();

  @Test
  void writesAConferencePaperWithAStableKey() {
    String bib = BibTeX.format(ATTENTION);

    assertThat(bib)
        .isEqualTo(
            "@inproceedings{vaswani2017attention,\n"
                + "  title = {{Attention Is All You Need}},\n"
                + "  author = {Vaswani, Ashish and Shazeer, Noam},\n"
                + "  booktitle = {Advances in Neural Information Processing Systems},\n"
                + "  year = {2017},\n"
                + "  month = {jun},\n"
                + "  eprint = {1706.03762},\n"
                + "  archivePrefix = {arXiv},\n"
                + "  primaryClass = {cs.CL}\n"
                + "}\n");
  }

  @Test
  void escapesEverySpecialCharacterAndKeepsUnicode() {
    Paper p =
        Paper.builder()
            .title("50% of {X} & $Y$ #1 in a_b^c ~ d\\e")
            .authors(List.of(Author.of("Åsa", "Müller-Lüdenscheidt"), Author.of("José", "Núñez")))
            .venue("Journal of Ω & Δ")
            .year(2020)
            .type(PublicationType.JOURNAL_ARTICLE)
            .doi("10.1000/ab_c%d")
            .build();

    String bib = BibTeX.format(p);

    assertThat(bib)
        .contains(
            "title = {{50\\% of \\{X\\} \\& \\$Y\\$ \\#1 in a\\_b\\^{}c \\~{} d\\textbackslash{}e}}")
        .contains("author = {Müller-Lüdenscheidt, Åsa and Núñez, José}")
        .contains("journal = {Journal of Ω \\& Δ}")
        .contains("doi = {10.1000/ab\\_c\\%d}")
        .startsWith("@article{mullerludenscheidt2020x,");
  }

  @Test
  void joinsManyAuthorsWithAndAndBracesOrganisations() {
    List<Author> authors = new ArrayList<>();
    for (int i = 1; i <= 120; i++) {
      authors.add(Author.of("Given" + i, "Family" + i));
    }
    authors.add(new Author("ATLAS Collaboration", "", "", "", List.of()));
    Paper p =
        Paper.builder().title("Observation of a new particle").authors(authors).year(2012).build();

    String bib = BibTeX.format(p);

    assertThat(bib)
        .contains("author = {Family1, Given1 and Family2, Given2 and ")
        .contains(" and Family120, Given120 and {ATLAS Collaboration}}");
    assertThat(bib.split(" and ", -1)).hasSize(121);
  }

  @Test
  void leavesOutFieldsNoSourceGave() {
    Paper bare = Paper.builder().title("Untraceable note").build();

    String bib = BibTeX.format(bare);

    assertThat(bib).isEqualTo("@misc{anonnduntraceable,\n  title = {{Untraceable note}}\n}\n");
  }

  @Test
  void usesTheUrlWhenThereIsNoDoiOrArxivId() {
    Paper p = Paper.builder().title("Some page").landingUrl("https://example.org/p?a=1_2").build();

    assertThat(BibTeX.format(p)).contains("url = {https://example.org/p?a=1\\_2}");
  }

  @Test
  void makesKeysUniqueInALibrary() {
    Paper other = ATTENTION.toBuilder().title("Attention, again").build();

    List<String> keys = BibTeX.uniqueKeys(List.of(ATTENTION, other, ATTENTION));

    assertThat(keys)
        .containsExactly("vaswani2017attention", "vaswani2017attentionb", "vaswani2017attentionc");
    assertThat(BibTeX.format(List.of(ATTENTION, other)))
        .contains("{vaswani2017attention,")
        .contains("{vaswani2017attentionb,");
  }

  @Test
  void keySkipsLeadingStopWordsAndStripsAccents() {
    Paper p =
        Paper.builder()
            .title("On the Origin of Species")
            .year(1859)
            .addAuthor(Author.of("Charles Darwin"))
            .build();
    Paper q =
        Paper.builder()
            .title("Über die Elektrodynamik bewegter Körper")
            .year(1905)
            .addAuthor(Author.of("Albert", "Einstein"))
            .build();
    Paper particles =
        Paper.builder()
            .title("A title")
            .year(2000)
            .addAuthor(Author.of("Ludwig van Beethoven"))
            .build();

    assertThat(BibTeX.citationKey(p)).isEqualTo("darwin1859origin");
    assertThat(BibTeX.citationKey(q)).isEqualTo("einstein1905uber");
    assertThat(BibTeX.citationKey(particles)).isEqualTo("beethoven2000title");
  }

  @Test
  void writesCslJson() throws Exception {
    Paper journal =
        Paper.builder()
            .title("Deep learning")
            .year(2015)
            .publicationDate("2015-05-27")
            .venue("Nature")
            .type(PublicationType.JOURNAL_ARTICLE)
            .doi("10.1038/nature14539")
            .pmid("26017442")
            .authors(List.of(Author.of("Yann", "LeCun"), new Author("WHO", "", "", "", List.of())))
            .build();

    JsonNode items = new ObjectMapper().readTree(CslJson.format(List.of(journal, ATTENTION)));

    JsonNode first = items.get(0);
    assertThat(first.path("id").asText()).isEqualTo("lecun2015deep");
    assertThat(first.path("type").asText()).isEqualTo("article-journal");
    assertThat(first.path("container-title").asText()).isEqualTo("Nature");
    assertThat(first.path("DOI").asText()).isEqualTo("10.1038/nature14539");
    assertThat(first.path("PMID").asText()).isEqualTo("26017442");
    assertThat(first.path("issued").path("date-parts").toString()).isEqualTo("[[2015,5,27]]");
    assertThat(first.path("author").toString())
        .isEqualTo("[{\"family\":\"LeCun\",\"given\":\"Yann\"},{\"literal\":\"WHO\"}]");
    assertThat(first.has("abstract")).isFalse();
    JsonNode second = items.get(1);
    assertThat(second.path("type").asText()).isEqualTo("paper-conference");
    assertThat(second.path("URL").asText()).isEqualTo("https://arxiv.org/abs/1706.03762");
  }
}
