{
  type: 'line',
  data: {
    labels: [2016, 2017, 2018, 2019, 2020],
    datasets: [
      {
        label: 'Dollars',
        data: [1000, 1234, 2020, 2005, 1300],
      }
    ],
  },
  options: {
    scales: {
      yAxes: [{
        ticks: {
          min: 0,
          max: 5000,
          callback: (val) => {
            return '$' + val.toLocaleString();
          },
        }
      }]
    }
  },
}
