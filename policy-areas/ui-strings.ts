/**
 * The few strings of the case timeline that belong to no procedure: the opening of a case, and a
 * deadline's reminder and expiry (notifications), with the deadline's own translated label in
 * {deadline}. Drafted with a language model like policy-areas/i18n/, for review.
 */
import type { Language } from './strings.js';

export interface TimelineStrings {
  started: string;
  reminder: string;
  expired: string;
}

export const TIMELINE_STRINGS: Record<Language, TimelineStrings> = {
  bg: { started: 'Случаят е открит', reminder: 'Напомняне: {deadline}', expired: 'Срокът изтече: {deadline}' },
  cs: { started: 'Případ zahájen', reminder: 'Připomenutí: {deadline}', expired: 'Lhůta uplynula: {deadline}' },
  da: { started: 'Sagen er oprettet', reminder: 'Påmindelse: {deadline}', expired: 'Fristen er udløbet: {deadline}' },
  de: { started: 'Fall eröffnet', reminder: 'Erinnerung: {deadline}', expired: 'Frist abgelaufen: {deadline}' },
  el: { started: 'Η υπόθεση κινήθηκε', reminder: 'Υπενθύμιση: {deadline}', expired: 'Η προθεσμία έληξε: {deadline}' },
  en: { started: 'Case opened', reminder: 'Reminder: {deadline}', expired: 'Deadline passed: {deadline}' },
  es: { started: 'Caso abierto', reminder: 'Recordatorio: {deadline}', expired: 'Plazo vencido: {deadline}' },
  et: { started: 'Juhtum avatud', reminder: 'Meeldetuletus: {deadline}', expired: 'Tähtaeg on möödunud: {deadline}' },
  fi: { started: 'Asia avattu', reminder: 'Muistutus: {deadline}', expired: 'Määräaika umpeutunut: {deadline}' },
  fr: { started: 'Dossier ouvert', reminder: 'Rappel : {deadline}', expired: 'Délai expiré : {deadline}' },
  ga: { started: 'Cás oscailte', reminder: 'Meabhrúchán: {deadline}', expired: 'Spriocdháta caite: {deadline}' },
  hr: { started: 'Predmet otvoren', reminder: 'Podsjetnik: {deadline}', expired: 'Rok je istekao: {deadline}' },
  hu: { started: 'Ügy megnyitva', reminder: 'Emlékeztető: {deadline}', expired: 'A határidő lejárt: {deadline}' },
  is: { started: 'Mál stofnað', reminder: 'Áminning: {deadline}', expired: 'Frestur liðinn: {deadline}' },
  it: { started: 'Pratica aperta', reminder: 'Promemoria: {deadline}', expired: 'Termine scaduto: {deadline}' },
  lt: { started: 'Byla pradėta', reminder: 'Priminimas: {deadline}', expired: 'Terminas suėjo: {deadline}' },
  lv: { started: 'Lieta atvērta', reminder: 'Atgādinājums: {deadline}', expired: 'Termiņš beidzies: {deadline}' },
  mt: { started: 'Każ miftuħ', reminder: 'Tfakkira: {deadline}', expired: 'Skadenza għaddiet: {deadline}' },
  nl: { started: 'Zaak geopend', reminder: 'Herinnering: {deadline}', expired: 'Termijn verstreken: {deadline}' },
  no: { started: 'Saken er opprettet', reminder: 'Påminnelse: {deadline}', expired: 'Fristen er utløpt: {deadline}' },
  pl: { started: 'Sprawa wszczęta', reminder: 'Przypomnienie: {deadline}', expired: 'Termin upłynął: {deadline}' },
  pt: { started: 'Processo aberto', reminder: 'Lembrete: {deadline}', expired: 'Prazo expirado: {deadline}' },
  ro: { started: 'Caz deschis', reminder: 'Memento: {deadline}', expired: 'Termen expirat: {deadline}' },
  sk: { started: 'Prípad otvorený', reminder: 'Pripomienka: {deadline}', expired: 'Lehota uplynula: {deadline}' },
  sl: { started: 'Zadeva odprta', reminder: 'Opomnik: {deadline}', expired: 'Rok je potekel: {deadline}' },
  sv: { started: 'Ärendet öppnat', reminder: 'Påminnelse: {deadline}', expired: 'Tidsfristen har löpt ut: {deadline}' },
};
