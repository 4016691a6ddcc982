/** Names in Greek and Bulgarian script, and Latin names with accents, as logins (db/transliterate.ts). */
import { describe, expect, it } from 'vitest';
import { foldLatin, loginPart, transliterate } from '../db/transliterate.js';

describe('transliteration to Latin', () => {
  it('when a name is Greek, then it follows ELOT 743: digraphs, αυ/ευ by the next sound, γ before a velar, μπ at a word’s start', () => {
    expect(transliterate('Γεώργιος Παπαδόπουλος')).toBe('Georgios Papadopoulos');
    expect(transliterate('Ευαγγελία Χαραλάμπους')).toBe('Evangelia Charalampous');
    expect(transliterate('Ευθύμιος Παύλου')).toBe('Efthymios Pavlou');
    expect(transliterate('Αικατερίνη Οικονόμου')).toBe('Aikaterini Oikonomou');
    expect(transliterate('Θεοδώρου Ψυχάρης Ξένος')).toBe('Theodorou Psycharis Xenos');
    expect(transliterate('Μπάμπης Αγκαλιά')).toBe('Bampis Agkalia');
    // A diaeresis, or an accent on the first vowel, keeps two vowels apart.
    expect(transliterate('Λοΐζος Νικολαΐδης άυλος')).toBe('Loizos Nikolaidis aylos');
    expect(transliterate('ΧΡΗΣΤΟΣ ΒΛΑΧΟΣ')).toBe('CHRISTOS VLACHOS');
  });

  it('when a name is Bulgarian, then it follows the Streamlined System, a final -ия as -ia', () => {
    expect(transliterate('Щерьо Щъркелов')).toBe('Shteryo Shtarkelov');
    expect(transliterate('Йорданка Цветелина Жекова')).toBe('Yordanka Tsvetelina Zhekova');
    expect(transliterate('Христо Чочев Шишков')).toBe('Hristo Chochev Shishkov');
    expect(transliterate('Юлия Янева, Мария от София')).toBe('Yulia Yaneva, Maria ot Sofia');
    expect(transliterate('Димитър Александров')).toBe('Dimitar Aleksandrov');
  });

  it('when a name is Latin, then it passes transliteration untouched and folding drops accents, letters NFD keeps whole included', () => {
    expect(transliterate('Søren Müller')).toBe('Søren Müller');
    expect(foldLatin('Søren Müller')).toBe('Soren Muller');
    expect(foldLatin('Guðrún Þórsdóttir')).toBe('Gudrun Thorsdottir');
    expect(foldLatin('Małgorzata Łukasz Straße Æsa Đorđe Ħabib Ștefan')).toBe('Malgorzata Lukasz Strasse Aesa Dorde Habib Stefan');
  });

  it('when a name becomes a login part, then it is lower-case a-z only', () => {
    expect(loginPart('Μαρία')).toBe('maria');
    expect(loginPart('Παναγιώτης')).toBe('panagiotis');
    expect(loginPart('Цветелина')).toBe('tsvetelina');
    expect(loginPart("O'Brien")).toBe('obrien');
    expect(loginPart('van den Berg')).toBe('vandenberg');
    expect(loginPart('Jørgensen')).toBe('jorgensen');
  });
});
